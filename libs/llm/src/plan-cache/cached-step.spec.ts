import type { ActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import { contactFormTree } from '@webbyflow/testing';
import { replayCachedStep, toCachedStep } from './cached-step';

/** The same page scraped in another run: every id different, values typed, one decoy button added. */
function rescraped(tree: ElementTreeV1): ElementTreeV1 {
  return {
    ...tree,
    elements: tree.elements.map((e) => ({
      ...e,
      id: e.id.replace(/^e(\d+)$/, (_, n: string) => `e${Number(n) + 100}`),
    })),
  };
}

const fill: ActionV1[] = [
  { type: 'input_text', elementId: 'e11', text: '{{payload.name}}', pressEnter: false, reasoning: '' },
  { type: 'select_option', elementId: 'e13', option: 'Sales', reasoning: '' },
  { type: 'checkbox', elementId: 'e15', checked: true, reasoning: '' },
  { type: 'click', elementId: 'e17', reasoning: 'send it' },
];

describe(replayCachedStep.name, () => {
  it('should put the new page ids into every action when the same controls are there', () => {
    const step = toCachedStep(fill, contactFormTree());
    const replay = replayCachedStep(step!, rescraped(contactFormTree()));
    expect(replay).toEqual({
      kind: 'hit',
      actions: [
        { ...fill[0], elementId: 'e111' },
        { ...fill[1], elementId: 'e113' },
        { ...fill[2], elementId: 'e115' },
        { ...fill[3], elementId: 'e117' },
      ],
    });
  });

  it('should miss, naming the action and element, when a target is gone', () => {
    const step = toCachedStep(fill, contactFormTree())!;
    const page = rescraped(contactFormTree());
    page.elements = page.elements.filter((e) => e.name !== 'Submit');
    expect(replayCachedStep(step, page)).toEqual({
      kind: 'miss',
      reason: 'action 3 (click): no certain match for button "submit"',
    });
  });

  it('should miss when a renamed control no longer matches its print', () => {
    const step = toCachedStep(fill, contactFormTree())!;
    const page = rescraped(contactFormTree());
    page.elements = page.elements.map((e) => (e.name === 'Topic *' ? { ...e, name: 'Department *' } : e));
    expect(replayCachedStep(step, page)).toMatchObject({ kind: 'miss', reason: expect.stringContaining('action 1') });
  });

  it('should read the data again from the new page when the step completes with data', () => {
    const done: ElementTreeV1 = {
      url: 'http://127.0.0.1/contact/thanks',
      title: 'Thanks',
      truncated: false,
      elements: [{ id: 'e1', role: 'link', name: 'Back', tag: 'a', href: '/' }],
      text: 'Thank you!\nConfirmation number: WF-1001\nWe answer within two days.',
    };
    const complete: ActionV1 = { type: 'complete', data: { confirmation_number: 'WF-1001' }, reasoning: '' };
    const step = toCachedStep([complete], done)!;
    expect(step.actions[0].extraction).toEqual([
      { field: 'confirmation_number', kind: 'string', before: 'Confirmation number: ', after: '' },
    ]);
    const next = { ...done, text: 'Thank you!\nConfirmation number: WF-2002\nWe answer within two days.' };
    expect(replayCachedStep(step, next)).toEqual({
      kind: 'hit',
      actions: [{ ...complete, data: { confirmation_number: 'WF-2002' } }],
    });
    expect(replayCachedStep(step, { ...done, text: 'Something went wrong' })).toMatchObject({ kind: 'miss' });
  });

  it('should miss a step with no element to check when the page has other controls', () => {
    const step = toCachedStep([{ type: 'scroll', direction: 'down', reasoning: '' }], contactFormTree())!;
    expect(replayCachedStep(step, rescraped(contactFormTree()))).toMatchObject({ kind: 'hit' });
    const other = { ...contactFormTree(), elements: contactFormTree().elements.slice(0, 2) };
    expect(replayCachedStep(step, other)).toMatchObject({ kind: 'miss' });
  });

  it('should miss a first step on a page of another shape even when its targets are there', () => {
    const step = toCachedStep(fill, contactFormTree())!;
    const extra = rescraped(contactFormTree());
    extra.elements.push({ id: 'e200', role: 'textbox', name: 'Coupon', tag: 'input', type: 'text' });
    expect(replayCachedStep(step, extra)).toMatchObject({ kind: 'hit' });
    expect(replayCachedStep(step, extra, { samePage: true })).toEqual({
      kind: 'miss',
      reason: 'the page has other controls than when the step was cached',
    });
  });
});

describe(toCachedStep.name, () => {
  it('should refuse to cache a step whose target is not on the page it was planned on', () => {
    expect(toCachedStep([{ type: 'click', elementId: 'e999', reasoning: '' }], contactFormTree())).toBeUndefined();
  });

  it('should keep both prints of a drag and drop', () => {
    const step = toCachedStep(
      [{ type: 'drag_and_drop', elementId: 'e11', targetElementId: 'e14', reasoning: '' }],
      contactFormTree(),
    )!;
    expect(step.actions[0].targets).toEqual({
      elementId: expect.objectContaining({ role: 'textbox', name: 'your name *' }),
      targetElementId: expect.objectContaining({ role: 'textbox', name: 'message *', tag: 'textarea' }),
    });
  });
});
