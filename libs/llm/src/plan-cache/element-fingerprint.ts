import type { ElementFingerprintV1, ElementTreeV1, ElementV1 } from '@webbyflow/contracts';

type ElementFingerprint = ElementFingerprintV1;

const normal = (text: string | undefined) => (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
/** The frame part of an id: `f2` of `f2e7`, '' in the top frame (the same widget in another frame is another one). */
const frameOf = (id: string) => /^(f\d+)e\d+$/.exec(id)?.[1] ?? '';

type Print = Omit<ElementFingerprint, 'nth' | 'of'>;

function printOf(element: ElementV1): Print {
  return {
    role: element.role,
    tag: element.tag,
    ...(element.type ? { type: element.type } : {}),
    name: normal(element.name),
    ...(element.placeholder ? { placeholder: normal(element.placeholder) } : {}),
    ...(element.href ? { href: element.href } : {}),
    frame: frameOf(element.id),
  };
}

const samePrint = (a: Print, b: Print) =>
  a.role === b.role &&
  a.tag === b.tag &&
  a.type === b.type &&
  a.name === b.name &&
  a.placeholder === b.placeholder &&
  a.href === b.href &&
  a.frame === b.frame;

/** The print of the element with this id in the tree, or undefined when the tree does not list it. */
export function fingerprintOf(
  elementId: string,
  tree: Pick<ElementTreeV1, 'elements'>,
): ElementFingerprint | undefined {
  const element = tree.elements.find((e) => e.id === elementId);
  if (!element) return undefined;
  const print = printOf(element);
  const alike = tree.elements.filter((e) => samePrint(printOf(e), print));
  return { ...print, nth: alike.indexOf(element), of: alike.length };
}

/**
 * The id of the element matching the print in this tree, only when the match is certain: as many alike
 * elements as when the print was taken (one, usually), and then the one in the same position. Anything
 * else (gone, renamed, more or fewer copies) is a miss, and the step goes back to a planner.
 */
export function findByFingerprint(
  fingerprint: ElementFingerprint,
  tree: Pick<ElementTreeV1, 'elements'>,
): string | undefined {
  const alike = tree.elements.filter((e) => samePrint(printOf(e), fingerprint));
  if (alike.length === fingerprint.of) return alike[fingerprint.nth]?.id;
  return undefined;
}
