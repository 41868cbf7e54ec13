/**
 * The words of an element line (planner protocol v2, docs/planner-protocol.md "Elements"), shared by the
 * formatter and the parser so that what one writes the other reads back.
 */

/** `e12` in the top frame, `f2e7` in frame 2. */
export const ELEMENT_ID = /^(?:f\d+)?e\d+$/;

/** `key=value` attributes, in the order they are written. */
export const ATTRIBUTE_KEYS = ['type', 'value', 'placeholder', 'text', 'href'] as const;
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** Bare-word states, in the order they are written. */
export const FLAGS = [
  'checked',
  'unchecked',
  'selected',
  'expanded',
  'collapsed',
  'required',
  'readonly',
  'invalid',
  'disabled',
] as const;
export type Flag = (typeof FLAGS)[number];

/** A repeat of the group above: `e16-e19 same /p/1`. */
export const REPEAT_WORD = 'same';

/** An href written without its key: a path (`/p/1`) or a URL with a scheme (`https://…`, `mailto:…`). */
export const BARE_HREF = /^(?:\/|[a-z][a-z0-9+.-]*:)\S*$/;

/** Where a bare name ends: a space before `key=`, a state word, the options list or a bare href. */
export const ATTRIBUTE_START = new RegExp(
  ` (?:(?:${ATTRIBUTE_KEYS.join('|')})=|\\[|(?:${FLAGS.join('|')})(?= |$)|/|[a-z][a-z0-9+.-]*:\\S)`,
);

/** Text JSON leaves as it is: no quote, backslash or control character, no line or paragraph separator. */
function plain(text: string): boolean {
  return text !== '' && JSON.stringify(text) === `"${text}"` && !/[\u2028\u2029]/.test(text);
}

/** A name is written bare unless the parser could not tell where it ends. */
export function formatName(name: string): string {
  return plain(name) && !/^\s|\s$/.test(name) && !ATTRIBUTE_START.test(name) ? name : JSON.stringify(name);
}

/** An attribute value runs to the next space. */
export function formatValue(value: string): string {
  return plain(value) && !/\s/.test(value) ? value : JSON.stringify(value);
}

/** An option's value or label runs to the next `=`, `*`, `,` or `]`. */
export function formatOptionPart(text: string): string {
  return plain(text) && !/^…|[\s[\],*=]/.test(text) ? text : JSON.stringify(text);
}

export function formatHref(href: string): string {
  return BARE_HREF.test(href) ? href : `href=${formatValue(href)}`;
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A JSON string cut to `max` characters: history lines quote what the model wrote. */
export function quote(text: string, max: number): string {
  return JSON.stringify(clip(text, max));
}
