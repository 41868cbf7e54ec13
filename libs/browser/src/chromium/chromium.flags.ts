/** Flags every Chromium we launch gets (ENVIRONMENT.md). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The fixed flags followed by `extra`, without duplicates; a later `--name=value` replaces an earlier `--name`. */
export function chromiumArgs(extra: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const arg of [...CHROMIUM_FLAGS, ...extra]) {
    const name = arg.split('=', 1)[0];
    byName.delete(name);
    byName.set(name, arg);
  }
  return [...byName.values()];
}
