import {
  CHROMIUM_FLAGS,
  chromiumArgs,
  PLAYWRIGHT_DISABLED_FEATURES,
  PLAYWRIGHT_ENABLED_FEATURES,
  WEBBYFLOW_DISABLED_FEATURES,
} from './chromium.flags';

const featuresOf = (args: string[], name: string) => {
  const copies = args.filter((a) => a.startsWith(`${name}=`));
  expect(copies).toHaveLength(1);
  return copies[0].slice(name.length + 1).split(',');
};

describe(chromiumArgs.name, () => {
  it('should return the fixed flags and one copy of each feature switch when there are no extra args', () => {
    const args = chromiumArgs([]);
    expect(args.slice(0, CHROMIUM_FLAGS.length)).toEqual([...CHROMIUM_FLAGS]);
    expect(featuresOf(args, '--disable-features')).toEqual([
      ...PLAYWRIGHT_DISABLED_FEATURES,
      ...WEBBYFLOW_DISABLED_FEATURES,
    ]);
    expect(featuresOf(args, '--enable-features')).toEqual([...PLAYWRIGHT_ENABLED_FEATURES]);
  });

  it('should append extra args when they are new', () => {
    const rules = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
    expect(chromiumArgs([rules]).slice(0, CHROMIUM_FLAGS.length + 1)).toEqual([...CHROMIUM_FLAGS, rules]);
  });

  it('should keep one copy of a flag when it is given twice', () => {
    const args = chromiumArgs(['--no-sandbox', '--lang=en-US', '--lang=de-DE']);
    expect(args.filter((a) => a === '--no-sandbox')).toHaveLength(1);
    expect(args.filter((a) => a.startsWith('--lang'))).toEqual(['--lang=de-DE']);
  });

  it("should merge extra feature lists into Playwright's and ours, last, when extra args name features", () => {
    const args = chromiumArgs(['--disable-features=Translate,MediaRouter', '--enable-features=StrictOriginIsolation']);
    const disabled = featuresOf(args, '--disable-features');
    expect(disabled).toEqual(expect.arrayContaining(['Translate', 'WebUIOmniboxPopup', 'HttpsUpgrades']));
    expect(disabled.filter((f) => f === 'MediaRouter')).toHaveLength(1);
    expect(featuresOf(args, '--enable-features')).toEqual([
      'CDPScreenshotNewSurface',
      'SkipListAccountsWithoutGaiaCookies',
      'StrictOriginIsolation',
    ]);
    expect(args.slice(-2).map((a) => a.split('=', 1)[0])).toEqual(['--disable-features', '--enable-features']);
  });
});
