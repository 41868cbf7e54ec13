import type { ElementV1 } from '@webbyflow/contracts';
import { findByFingerprint, fingerprintOf } from './element-fingerprint';

const card = (n: number, id: string): ElementV1[] => [
  { id, role: 'button', name: 'Add to cart', tag: 'button' },
  { id: `${id}x`, role: 'link', name: `Product ${n}`, tag: 'a', href: `/p/${n}` },
];

describe(fingerprintOf.name, () => {
  it('should give the position among look-alikes and leave the value out', () => {
    const tree = { elements: [...card(1, 'e1'), ...card(2, 'e5'), ...card(3, 'e9')] };
    expect(fingerprintOf('e5', tree)).toEqual({
      role: 'button',
      tag: 'button',
      name: 'add to cart',
      frame: '',
      nth: 1,
      of: 3,
    });
    const typed = { elements: [{ id: 'f2e7', role: 'textbox', name: ' E-mail ', tag: 'input', value: 'a@b.c' }] };
    expect(fingerprintOf('f2e7', typed)).toEqual({
      role: 'textbox',
      tag: 'input',
      name: 'e-mail',
      frame: 'f2',
      nth: 0,
      of: 1,
    });
  });
});

describe(findByFingerprint.name, () => {
  const before = { elements: [...card(1, 'e1'), ...card(2, 'e5')] };
  const print = fingerprintOf('e5', before)!;

  it('should find the same position when as many look-alikes are there', () => {
    expect(findByFingerprint(print, { elements: [...card(7, 'e40'), ...card(8, 'e44')] })).toBe('e44');
  });

  it('should not guess when the number of look-alikes changed', () => {
    expect(findByFingerprint(print, { elements: [...card(7, 'e40')] })).toBeUndefined();
    expect(
      findByFingerprint(print, { elements: [...card(1, 'e1'), ...card(2, 'e5'), ...card(3, 'e9')] }),
    ).toBeUndefined();
  });

  it('should not match the same control in another frame', () => {
    const top = fingerprintOf('e1', { elements: [{ id: 'e1', role: 'button', name: 'Pay', tag: 'button' }] })!;
    expect(
      findByFingerprint(top, { elements: [{ id: 'f1e1', role: 'button', name: 'Pay', tag: 'button' }] }),
    ).toBeUndefined();
  });
});
