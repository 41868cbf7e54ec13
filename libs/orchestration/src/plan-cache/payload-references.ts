import type { BrowserActionV1 } from '@webbyflow/contracts';
import { mapActionText } from '../loop/placeholders';

/** Values shorter than this are only referenced when they are a field's whole text ("1" inside "10" is chance). */
const MIN_EMBEDDED_CHARS = 4;

interface Leaf {
  path: string;
  text: string;
}

/** Every scalar of the payload as the text an action would carry, longest first (so "Ada Lovelace" wins over "Ada"). */
function leaves(payload: Record<string, unknown>): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>))
        walk(inner, path ? `${path}.${key}` : key);
      return;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (path && text.length > 0) out.push({ path, text });
  };
  walk(payload, '');
  return out.sort((a, b) => b.text.length - a.text.length);
}

/** `text` with every payload value in it written as `{{payload.<path>}}`, so the cache stores no values. */
export function referencePayload(text: string, payload: Record<string, unknown>): string {
  const all = leaves(payload);
  const whole = all.find((leaf) => leaf.text === text);
  if (whole) return `{{payload.${whole.path}}}`;
  let out = text;
  for (const leaf of all)
    if (leaf.text.length >= MIN_EMBEDDED_CHARS) out = out.split(leaf.text).join(`{{payload.${leaf.path}}}`);
  return out;
}

/** The action with payload values in its text fields replaced by references (elements are untouched). */
export function withPayloadReferences(action: BrowserActionV1, payload: Record<string, unknown>): BrowserActionV1 {
  return mapActionText(action, (text) => referencePayload(text, payload));
}
