import {
  ATTRIBUTE_KEYS,
  BARE_HREF,
  ATTRIBUTE_START,
  ELEMENT_ID,
  FLAGS,
  REPEAT_WORD,
  type AttributeKey,
  type Flag,
} from './element-line.grammar';

export interface ListedOption {
  value: string;
  label: string;
  selected: boolean;
}

/** One element as its line (or the repeat line that stands for it) says it. */
export interface ListedElement {
  id: string;
  role: string;
  name: string;
  /** Marked `*`: appeared since the last action. */
  isNew: boolean;
  values: Partial<Record<AttributeKey, string>>;
  flags: Flag[];
  options: ListedOption[];
  /** Options beyond the list's cap (`…+N more`). */
  moreOptions: number;
}

const ELEMENT_LINE = /^(\*)?(\S+) (\S+) (.*)$/;
const REPEAT_LINE = new RegExp(`^(\\*)?((?:f\\d+)?e)(\\d+)-\\2(\\d+) ${REPEAT_WORD}(?: (.+))?$`);

/**
 * Reads an element list of planner protocol v2 back into elements, repeat lines expanded; other lines (the
 * budget notice, anything that is not an element line) are skipped. Throws on a line that starts like an
 * element line but cannot be read.
 */
export function parseElementList(text: string): ListedElement[] {
  const out: ListedElement[] = [];
  for (const line of text.split('\n')) {
    const repeat = REPEAT_LINE.exec(line);
    if (repeat) {
      out.push(...expandRepeat(out, repeat));
      continue;
    }
    const match = ELEMENT_LINE.exec(line);
    if (match && ELEMENT_ID.test(match[2])) out.push(parseElementLine(match));
  }
  return out;
}

function parseElementLine([line, star, id, second, rest]: RegExpExecArray): ListedElement {
  // `e7 /p/1 Details`: a link, written href first with no role
  const href = BARE_HREF.test(second) ? second : undefined;
  const role = href === undefined ? second : 'link';
  const cursor = { text: rest, at: 0 };
  let name: string;
  if (rest.startsWith('"')) name = readQuoted(cursor, line);
  else {
    const end = rest.search(ATTRIBUTE_START);
    name = end < 0 ? rest : rest.slice(0, end);
    cursor.at = name.length;
  }
  const element: ListedElement = {
    id,
    role,
    name,
    isNew: star === '*',
    values: href === undefined ? {} : { href },
    flags: [],
    options: [],
    moreOptions: 0,
  };
  while (cursor.at < rest.length) {
    if (rest[cursor.at] !== ' ') throw new Error(`element line: expected a space at ${cursor.at}: ${line}`);
    cursor.at++;
    const word = /^[a-z]+/.exec(rest.slice(cursor.at))?.[0] ?? '';
    if (rest[cursor.at] === '[') readOptions(cursor, element, line);
    else if (rest[cursor.at + word.length] === '=' && (ATTRIBUTE_KEYS as readonly string[]).includes(word)) {
      cursor.at += word.length + 1;
      element.values[word as AttributeKey] = readValue(cursor, line, / /);
    } else if ((FLAGS as readonly string[]).includes(word) && /^(?: |$)/.test(rest.slice(cursor.at + word.length))) {
      element.flags.push(word as Flag);
      cursor.at += word.length;
    } else if (BARE_HREF.test(rest.slice(cursor.at).split(' ')[0])) element.values.href = readValue(cursor, line, / /);
    else throw new Error(`element line: unknown attribute at ${cursor.at}: ${line}`);
  }
  return element;
}

/** `e16-e19 same /p/1`: the elements above again, with new ids and the one href that differs. */
function expandRepeat(above: readonly ListedElement[], [line, star, prefix, from, to, href]: RegExpExecArray) {
  const size = Number(to) - Number(from) + 1;
  if (size < 1 || size > above.length) throw new Error(`repeat line: no group of ${size} above: ${line}`);
  const group = above.slice(above.length - size);
  const linked = group.filter((element) => element.values.href !== undefined);
  if (href !== undefined && linked.length !== 1) throw new Error(`repeat line: which element the href is for: ${line}`);
  const newHref = href === undefined ? undefined : readHref(href, line);
  return group.map((element, j) => ({
    ...element,
    id: `${prefix}${Number(from) + j}`,
    isNew: star === '*',
    values: element === linked[0] && newHref !== undefined ? { ...element.values, href: newHref } : element.values,
  }));
}

/** `/p/1`, or `href="…"` for an href that cannot go bare. */
function readHref(text: string, line: string): string {
  if (BARE_HREF.test(text)) return text;
  if (!text.startsWith('href=')) throw new Error(`repeat line: not an href: ${line}`);
  return readValue({ text, at: 'href='.length }, line, / /);
}

interface Cursor {
  text: string;
  at: number;
}

function readQuoted(cursor: Cursor, line: string): string {
  const quoted = /^"(?:[^"\\]|\\.)*"/.exec(cursor.text.slice(cursor.at));
  if (!quoted) throw new Error(`element line: unterminated string at ${cursor.at}: ${line}`);
  cursor.at += quoted[0].length;
  return JSON.parse(quoted[0]) as string;
}

/** A quoted string, or the characters up to `stop`. */
function readValue(cursor: Cursor, line: string, stop: RegExp): string {
  if (cursor.text[cursor.at] === '"') return readQuoted(cursor, line);
  const rest = cursor.text.slice(cursor.at);
  const end = rest.search(stop);
  const value = end < 0 ? rest : rest.slice(0, end);
  cursor.at += value.length;
  return value;
}

/** `[""="Choose…"*, sales=Sales, …+3 more]` */
function readOptions(cursor: Cursor, element: ListedElement, line: string): void {
  cursor.at++; // [
  const part = /[=*,\]]/;
  while (cursor.text[cursor.at] !== ']') {
    if (cursor.at >= cursor.text.length) throw new Error(`element line: unterminated options: ${line}`);
    const more = /^…\+(\d+) more/.exec(cursor.text.slice(cursor.at));
    if (more) {
      element.moreOptions = Number(more[1]);
      cursor.at += more[0].length;
    } else {
      const value = readValue(cursor, line, part);
      let label = value;
      if (cursor.text[cursor.at] === '=') {
        cursor.at++;
        label = readValue(cursor, line, part);
      }
      const selected = cursor.text[cursor.at] === '*';
      if (selected) cursor.at++;
      element.options.push({ value, label, selected });
    }
    if (cursor.text.startsWith(', ', cursor.at)) cursor.at += 2;
    else if (cursor.text[cursor.at] !== ']') throw new Error(`element line: bad option at ${cursor.at}: ${line}`);
  }
  cursor.at++; // ]
}
