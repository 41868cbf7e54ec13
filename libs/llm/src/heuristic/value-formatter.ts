import type { ActionV1, ElementV1 } from '@webbyflow/contracts';
import { similarity } from './text-match';

/** A payload value turned into the action that puts it into one element, and how sure the turn is (0–1). */
export type FormattedValue =
  | { kind: 'action'; action: ActionV1; fit: number }
  /** The element already holds the value. */
  | { kind: 'already' }
  /** The value does not fit the element (no such option, not a boolean for a checkbox…). */
  | { kind: 'misfit'; why: string };

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on', '1', 'checked', 'agree', 'subscribe', 'subscribed']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off', '0', 'unchecked', 'none']);

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

export const isToggle = (e: ElementV1) =>
  ['checkbox', 'switch', 'menuitemcheckbox'].includes(e.role) || e.type === 'checkbox';
export const isRadio = (e: ElementV1) => e.role === 'radio' || e.role === 'menuitemradio' || e.type === 'radio';
const hasOptions = (e: ElementV1) => (e.options?.length ?? 0) > 0;

/** The option a value names: by value, then label, then synonym or containment; undefined when none does. */
export function chooseOption(
  options: NonNullable<ElementV1['options']>,
  value: string,
): { label: string; fit: number } | undefined {
  const wanted = value.trim().toLowerCase();
  if (!wanted) return undefined;
  const exact = options.find((o) => o.value.toLowerCase() === wanted || o.label.trim().toLowerCase() === wanted);
  if (exact) return { label: exact.label || exact.value, fit: 1 };
  const scored = options
    .filter((o) => o.value !== '')
    .map((o) => ({ o, score: Math.max(similarity(value, o.label), similarity(value, o.value)) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < 0.6 || (scored[1] && scored[1].score === best.score)) return undefined;
  return { label: best.o.label || best.o.value, fit: best.score };
}

/** Puts `value` into `element`; `text` is what to type (a placeholder for secrets). */
export function formatValue(element: ElementV1, value: unknown, text: string, secret: boolean): FormattedValue {
  const base = { elementId: element.id, reasoning: '' };
  if (isToggle(element) || isRadio(element)) {
    const checked = isRadio(element) ? true : toBoolean(value);
    if (checked === undefined) return { kind: 'misfit', why: `"${text}" is not a yes/no value for a checkbox` };
    if (element.checked === checked) return { kind: 'already' };
    return { kind: 'action', action: { ...base, type: 'checkbox', checked }, fit: 1 };
  }
  if (hasOptions(element) && !secret) {
    const option = chooseOption(element.options ?? [], text);
    if (!option) return { kind: 'misfit', why: `no option of "${element.name}" matches "${text}"` };
    if (element.options?.some((o) => o.selected && (o.label || o.value) === option.label)) return { kind: 'already' };
    return { kind: 'action', action: { ...base, type: 'select_option', option: option.label }, fit: option.fit };
  }
  const typed = secret ? text : formatText(element, value, text);
  if (typed === undefined) return { kind: 'misfit', why: `"${text}" does not fit a ${element.type ?? 'text'} field` };
  if (!secret && element.value === typed) return { kind: 'already' };
  return { kind: 'action', action: { ...base, type: 'input_text', text: typed, pressEnter: false }, fit: 1 };
}

function formatText(element: ElementV1, value: unknown, text: string): string | undefined {
  switch (element.type) {
    case 'date':
      return formatDate(value, 'yyyy-mm-dd');
    case 'month':
      return formatDate(value, 'yyyy-mm-dd')?.slice(0, 7);
    case 'datetime-local': {
      const date = formatDate(value, 'yyyy-mm-dd');
      const time = /(\d{1,2}):(\d{2})/.exec(text);
      return date && `${date}T${time ? `${time[1].padStart(2, '0')}:${time[2]}` : '00:00'}`;
    }
    case 'number':
      return Number.isFinite(Number(text.replace(/[,\s]/g, ''))) ? text.replace(/[,\s]/g, '') : undefined;
    case 'tel':
      return formatPhone(text, element.placeholder);
    default: {
      const dateFormat = element.placeholder && dateFormatOf(element.placeholder);
      return dateFormat ? (formatDate(value, dateFormat) ?? text) : text;
    }
  }
}

/** `dd/mm/yyyy`, `MM-DD-YYYY`, `yyyy.mm.dd` … read from a placeholder. */
function dateFormatOf(placeholder: string): string | undefined {
  const match = /\b(dd|mm|yyyy)([./-])(dd|mm)\2(dd|mm|yyyy)\b/i.exec(placeholder);
  return match ? match[0].toLowerCase() : undefined;
}

/** Reads `2027-02-14`, `14.02.2027`-style only when unambiguous via ISO, or a Date; writes `format`. */
export function formatDate(value: unknown, format: string): string | undefined {
  const parts = dateParts(value);
  if (!parts) return undefined;
  const [y, m, d] = parts;
  return format
    .replace('yyyy', String(y).padStart(4, '0'))
    .replace('mm', String(m).padStart(2, '0'))
    .replace('dd', String(d).padStart(2, '0'));
}

function dateParts(value: unknown): [number, number, number] | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  if (typeof value !== 'string') return undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value.trim());
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const parsed = new Date(`${value.trim()} UTC`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  return [parsed.getUTCFullYear(), parsed.getUTCMonth() + 1, parsed.getUTCDate()];
}

/**
 * Digits laid into the placeholder's pattern when it has one slot per digit (`(555) 555-0100`,
 * `xxx-xxx-xxxx`); otherwise the number as given, spaces kept.
 */
export function formatPhone(text: string, placeholder?: string): string {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!placeholder || !/^[\d\sxX#()+.-]+$/.test(placeholder)) return trimmed;
  const slots = placeholder.replace(/[^\dxX#]/g, '').length;
  const plus = placeholder.trim().startsWith('+');
  if (slots !== digits.length || (plus && !trimmed.startsWith('+'))) return trimmed;
  let next = 0;
  return placeholder.replace(/[\dxX#]/g, () => digits[next++]);
}
