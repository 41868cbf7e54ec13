/**
 * Flags every Chromium we launch gets (ENVIRONMENT.md). `--site-per-process`: the full browser isolates sites by
 * default, the headless shell does not; with it, cross-site iframes run out of process in both, as on users'
 * desktops, so scraping and acting in OOPIFs is the same whichever binary browser-svc runs.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--site-per-process',
];

/**
 * What playwright-core 1.65 passes in `--disable-features` / `--enable-features` (its `chromiumSwitches.ts`).
 * Chromium keeps only the LAST copy of a switch, so any feature list of ours must repeat these or it silently
 * switches them back on; `chromium.flags.int-spec.ts` compares them with a real launch, so an upgrade that
 * changes Playwright's list fails there.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
export const PLAYWRIGHT_ENABLED_FEATURES: readonly string[] = [
  'CDPScreenshotNewSurface',
  'SkipListAccountsWithoutGaiaCookies',
];

/**
 * Chromium 14x pre-creates the omnibox popup's WebUI (`chrome://omnibox-popup.top-chrome`) in its own renderer
 * for every window, and every BrowserContext gets a window: about 30 MB PSS per context for a popup headless
 * never shows. Without it an idle context costs about half (BENCHMARKS.md, "memory per context").
 */
export const WEBBYFLOW_DISABLED_FEATURES: readonly string[] = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

const FEATURE_SWITCHES = {
  '--disable-features': [...PLAYWRIGHT_DISABLED_FEATURES, ...WEBBYFLOW_DISABLED_FEATURES],
  '--enable-features': [...PLAYWRIGHT_ENABLED_FEATURES],
} as const;

type FeatureSwitch = keyof typeof FEATURE_SWITCHES;
const isFeatureSwitch = (name: string): name is FeatureSwitch => name in FEATURE_SWITCHES;

/**
 * The fixed flags followed by `extra`, without duplicates; a later `--name=value` replaces an earlier `--name`,
 * except the feature switches: every `--disable-features` / `--enable-features` (Playwright's, ours, `extra`'s)
 * is merged into one list each, placed last so it is the copy Chromium reads.
 */
export function chromiumArgs(extra: readonly string[]): string[] {
  const byName = new Map<string, string>();
  const features = new Map<FeatureSwitch, Set<string>>(
    Object.entries(FEATURE_SWITCHES).map(([name, list]) => [name as FeatureSwitch, new Set(list)]),
  );
  for (const arg of [...CHROMIUM_FLAGS, ...extra]) {
    const [name] = arg.split('=', 1);
    if (isFeatureSwitch(name)) {
      for (const feature of arg.slice(name.length + 1).split(',')) if (feature) features.get(name)?.add(feature);
      continue;
    }
    byName.delete(name);
    byName.set(name, arg);
  }
  const merged = [...features].map(([name, list]) => `${name}=${[...list].join(',')}`);
  return [...byName.values(), ...merged];
}
