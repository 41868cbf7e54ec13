import fc from 'fast-check';

/** Text that breaks naive handling: NUL, lone surrogates, emoji sequences, bidi marks, injections. */
export const SPECIAL_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '😀',
  '👩‍👩‍👧‍👦',
  '\ud800',
  'x\udc00',
  '\u202eevil',
  '\r\n',
  '\uFEFF',
  '\u2028',
  'ｆｕｌｌ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '{{payload.password}}',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%00',
  '%',
];

/** Any text up to `maxLength` characters, biased towards the nasty kinds. */
export const anyText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme-ascii', maxLength }),
    fc.constantFrom(...SPECIAL_TEXT),
  );

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text a server sees after percent-decoding what `encodeComponent` sent. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** encodeURIComponent, which throws on lone surrogates (a URL cannot carry them anyway). */
export const encodeComponent = (text: string): string => encodeURIComponent(wellFormed(text));

/** Header values fetch can send: visible ASCII. */
export const headerText = (maxLength = 80): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

/** JSON values of every kind, small, with nasty strings. */
export const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  anyText(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, true, false, null, [], {}, [null], { '': '' }),
);

/** `{ "a": { "a": … 1 } }`, `levels` objects deep. */
export const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Whether the server's JSON parser would accept `text` as a body (it strips a BOM, as JSON.parse does not). */
export function parsesAsJson(text: string): boolean {
  const body = text.replace(/^\uFEFF/, '');
  if (body.length === 0) return true;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** An object with exactly these own keys, `__proto__` included (plain assignment would set the prototype). */
export function objectWith(entries: Array<[string, unknown]>, base: Record<string, unknown> = {}): object {
  const object: Record<string, unknown> = { ...base };
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return object;
}

export const isUuid = (text: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
