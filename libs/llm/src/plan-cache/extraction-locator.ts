import type { FieldLocatorV1 } from '@webbyflow/contracts';

/**
 * Where each extracted value sat in the page text, learned from a run that completed, so a replay can read
 * the same fields from a new page without a model: `Confirmation number: WF-1234` is remembered as "the
 * line that starts `Confirmation number: `", a value alone on its line as "the line after `Order total`".
 * Only flat objects of strings, numbers and booleans are learned; anything else is replayed by a planner.
 */
type FieldLocator = FieldLocatorV1;

const MIN_ANCHOR_CHARS = 3;

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** How a value may be written on a page: booleans as true/false or yes/no, in either case. */
function spellings(value: string | number | boolean): string[] {
  if (typeof value !== 'boolean') return [String(value)];
  const words = value ? ['true', 'yes'] : ['false', 'no'];
  return words.flatMap((word) => [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()]);
}

function locateText(
  field: string,
  kind: FieldLocator['kind'],
  text: string,
  lines: string[],
): FieldLocator | undefined {
  if (text.length === 0) return undefined;
  const found = lines.flatMap((line, index) => (line.includes(text) ? [index] : []));
  if (found.length !== 1) return undefined; // absent or ambiguous: a replay could not tell which one
  const index = found[0];
  const line = lines[index];
  const at = line.indexOf(text);
  const before = line.slice(0, at);
  const after = line.slice(at + text.length);
  if (before.trim().length >= MIN_ANCHOR_CHARS) return { field, kind, before, after };
  if (before.length === 0 && after.length === 0 && index > 0)
    return { field, kind, before: '', after: '', previousLine: lines[index - 1] };
  return undefined;
}

function locate(field: string, value: string | number | boolean, lines: string[]): FieldLocator | undefined {
  const kind = typeof value as FieldLocator['kind'];
  for (const text of spellings(value)) {
    const locator = locateText(field, kind, text, lines);
    if (locator) return locator;
  }
  return undefined;
}

/** Locators for every field of `data` in `pageText`, or undefined when one of them cannot be located for sure. */
export function learnExtraction(data: unknown, pageText: string): FieldLocator[] | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const lines = linesOf(pageText);
  const locators: FieldLocator[] = [];
  for (const [field, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    const locator = locate(field, value, lines);
    if (!locator) return undefined;
    locators.push(locator);
  }
  return locators;
}

function convert(text: string, kind: FieldLocator['kind']): string | number | boolean | undefined {
  if (kind === 'string') return text;
  if (kind === 'number') {
    const number = Number(text.replace(/[,\s]/g, ''));
    return Number.isFinite(number) ? number : undefined;
  }
  if (/^(true|yes)$/i.test(text)) return true;
  if (/^(false|no)$/i.test(text)) return false;
  return undefined;
}

function read(locator: FieldLocator, lines: string[]): string | undefined {
  if (locator.previousLine !== undefined) {
    const index = lines.indexOf(locator.previousLine);
    return index >= 0 && index + 1 < lines.length ? lines[index + 1] : undefined;
  }
  const matches = lines.filter(
    (line) =>
      line.startsWith(locator.before) &&
      line.endsWith(locator.after) &&
      line.length > locator.before.length + locator.after.length,
  );
  if (matches.length !== 1) return undefined;
  return matches[0].slice(locator.before.length, matches[0].length - locator.after.length);
}

/** The data read from `pageText` with the learned locators, or undefined when any field is missing. */
export function replayExtraction(locators: FieldLocator[], pageText: string): Record<string, unknown> | undefined {
  const lines = linesOf(pageText);
  const data: Record<string, unknown> = {};
  for (const locator of locators) {
    const raw = read(locator, lines);
    const value = raw === undefined ? undefined : convert(raw.trim(), locator.kind);
    if (value === undefined) return undefined;
    data[locator.field] = value;
  }
  return data;
}
