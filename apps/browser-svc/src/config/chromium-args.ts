/**
 * Splits BROWSER_EXTRA_ARGS into flags. Flags are separated by spaces or commas, but a separator only
 * splits before the next `--flag`, so a value with spaces and commas stays whole, e.g.
 * `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1 --lang=en` gives two flags.
 */
export function splitChromiumArgs(value: string): string[] {
  return value
    .trim()
    .split(/[\s,]+(?=--)/)
    .map((arg) => arg.trim())
    .filter((arg) => arg.length > 0);
}
