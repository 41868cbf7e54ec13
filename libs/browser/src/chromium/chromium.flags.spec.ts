import { CHROMIUM_FLAGS, chromiumArgs } from './chromium.flags';

describe(chromiumArgs.name, () => {
  it('should return the fixed flags when there are no extra args', () => {
    expect(chromiumArgs([])).toEqual([...CHROMIUM_FLAGS]);
  });

  it('should append extra args when they are new', () => {
    const rules = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
    expect(chromiumArgs([rules])).toEqual([...CHROMIUM_FLAGS, rules]);
  });

  it('should keep one copy of a flag when it is given twice', () => {
    const args = chromiumArgs(['--no-sandbox', '--lang=en-US', '--lang=de-DE']);
    expect(args.filter((a) => a === '--no-sandbox')).toHaveLength(1);
    expect(args.filter((a) => a.startsWith('--lang'))).toEqual(['--lang=de-DE']);
  });
});
