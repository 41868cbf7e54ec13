import type { ElementV1 } from '@webbyflow/contracts';
import { isRadio, isToggle, toBoolean } from './value-formatter';
import { similarity, words } from './text-match';

/** One payload value and where it sits in the payload (`['address', 'zip']`). */
export interface PayloadLeaf {
  path: string[];
  value: unknown;
}

/** A payload value matched to the element it goes into, with how sure the match is (0–1). */
export interface FieldMatch {
  leaf: PayloadLeaf;
  element: ElementV1;
  score: number;
  /** What matched: `label`, `name`, `id`, `placeholder`, `type` or `option`. */
  via: string;
}

const FILLABLE_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'switch',
  'spinbutton',
  'slider',
]);
const NOT_FILLABLE_TYPES = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file']);
const HONEYPOT = /leave (this|it)? ?(empty|blank)|do not (fill|use)|honeypot|anti.?spam/i;

/** Input types that say what a field holds, by the payload words that ask for them. */
const TYPE_HINTS: Record<string, readonly string[]> = {
  email: ['email', 'e mail', 'mail'],
  tel: ['phone', 'telephone', 'tel', 'mobile', 'cell'],
  password: ['password', 'pass', 'pwd', 'passcode'],
  url: ['website', 'url', 'homepage'],
  date: ['date', 'dob', 'birthday', 'birthdate'],
};

export function isFillable(e: ElementV1): boolean {
  if (e.disabled || e.readonly || NOT_FILLABLE_TYPES.has(e.type ?? '')) return false;
  if (HONEYPOT.test(e.name) || HONEYPOT.test(e.placeholder ?? '')) return false;
  return FILLABLE_ROLES.has(e.role) || ['input', 'textarea', 'select'].includes(e.tag);
}

/** Leaves of the payload, nested objects flattened; arrays are left out (no single field holds them). */
export function payloadLeaves(payload: Record<string, unknown>, path: string[] = []): PayloadLeaf[] {
  return Object.entries(payload).flatMap(([key, value]) => {
    if (Array.isArray(value)) return [];
    if (value !== null && typeof value === 'object')
      return payloadLeaves(value as Record<string, unknown>, [...path, key]);
    return value === null || value === undefined ? [] : [{ path: [...path, key], value }];
  });
}

/** How well a payload key names an element, from its label, name and id attributes, placeholder and type. */
export function scoreField(leaf: PayloadLeaf, element: ElementV1): { score: number; via: string } {
  const key = leaf.path[leaf.path.length - 1];
  const dotted = leaf.path.join(' ');
  const candidates: Array<[string, string | undefined, number]> = [
    ['label', element.name, 1],
    ['name', element.fieldName, 0.95],
    ['id', element.domId, 0.9],
    ['placeholder', element.placeholder, 0.85],
  ];
  let best = { score: 0, via: '' };
  for (const [via, text, weight] of candidates) {
    if (!text) continue;
    const score = Math.max(similarity(key, text), leaf.path.length > 1 ? similarity(dotted, text) : 0) * weight;
    if (score > best.score) best = { score, via };
  }
  const keyWords = ` ${words(dotted).join(' ')} `;
  const hinted = TYPE_HINTS[element.type ?? '']?.some((w) => keyWords.includes(` ${w} `));
  if (hinted && best.score < 0.85) best = { score: 0.85, via: 'type' };
  // a radio is matched by its group's name attribute, or by the option the value names
  if (isRadio(element) && best.via !== 'name') {
    const option = typeof leaf.value === 'string' ? similarity(leaf.value, element.name) : 0;
    best = option >= 0.8 ? { score: 0.75 * option, via: 'option' } : { score: 0, via: '' };
  }
  if (isToggle(element) && toBoolean(leaf.value) === undefined) best = { score: 0, via: '' };
  return best;
}

export const MIN_FIELD_SCORE = 0.55;

/**
 * Pairs payload values with fields, best pairs first, each field and value used once. A radio group
 * (same `name` attribute) takes one value: the radio whose label or value names it.
 */
export function matchFields(leaves: readonly PayloadLeaf[], elements: readonly ElementV1[]): FieldMatch[] {
  const fillable = elements.filter(isFillable);
  const pairs: FieldMatch[] = [];
  for (const leaf of leaves) {
    for (const element of fillable) {
      const { score, via } = scoreField(leaf, element);
      if (score < MIN_FIELD_SCORE) continue;
      if (isRadio(element) && via === 'name' && !radioNames(element, leaf.value)) continue;
      pairs.push({ leaf, element, score, via });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const usedElements = new Set<string>();
  const usedLeaves = new Set<PayloadLeaf>();
  const usedGroups = new Set<string>();
  const chosen: FieldMatch[] = [];
  for (const pair of pairs) {
    const group = isRadio(pair.element) ? (pair.element.fieldName ?? pair.element.id) : null;
    if (usedElements.has(pair.element.id) || usedLeaves.has(pair.leaf) || (group && usedGroups.has(group))) continue;
    usedElements.add(pair.element.id);
    usedLeaves.add(pair.leaf);
    if (group) usedGroups.add(group);
    chosen.push(pair);
  }
  return chosen;
}

/** A radio of a group is the one to pick when its label or value names the payload value. */
function radioNames(radio: ElementV1, value: unknown): boolean {
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return (
    similarity(text, radio.name) >= 0.8 ||
    (radio.value !== undefined && radio.value.toLowerCase() === text.toLowerCase())
  );
}
