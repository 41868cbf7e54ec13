import { readFileSync } from 'node:fs';
import { FIXTURE_CHROMIUM_ARGS, SYSTEM_CHROMIUM_PATH } from '@webbyflow/testing';
import { chromium, type Browser } from 'playwright-core';
import { PLAYWRIGHT_DISABLED_FEATURES, PLAYWRIGHT_ENABLED_FEATURES } from './chromium.flags';
import { ChromiumLauncher } from './chromium.launcher';

/** The pid of a launched browser's own process, over CDP. */
async function browserPid(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const pid = processInfo.find((p) => p.type === 'browser')?.id;
  if (!pid) throw new Error('no browser process in SystemInfo.getProcessInfo');
  return pid;
}

/** The features the process really runs with: Chromium reads the last copy of a switch. */
function effectiveFeatures(pid: number, name: string): string[] {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const last = args.filter((a) => a.startsWith(`${name}=`)).at(-1);
  return last
    ? last
        .slice(name.length + 1)
        .split(',')
        .filter(Boolean)
    : [];
}

async function targetUrls(browser: Browser): Promise<string[]> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
  await cdp.detach();
  return targetInfos.map((t) => t.url);
}

describe('Chromium feature flags', () => {
  it("should repeat every feature Playwright's own launch disables or enables (our list overrides its copy)", async () => {
    const plain = await chromium.launch({ executablePath: SYSTEM_CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      const pid = await browserPid(plain);
      expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual(
        expect.arrayContaining(effectiveFeatures(pid, '--disable-features').sort()),
      );
      expect([...PLAYWRIGHT_ENABLED_FEATURES]).toEqual(
        expect.arrayContaining(effectiveFeatures(pid, '--enable-features')),
      );
    } finally {
      await plain.close();
    }
  });

  it('should open a context with no omnibox WebUI renderer beside its page when launched by ChromiumLauncher', async () => {
    const launcher = new ChromiumLauncher({
      executablePath: SYSTEM_CHROMIUM_PATH,
      headless: true,
      extraArgs: [...FIXTURE_CHROMIUM_ARGS],
      launchTimeoutMs: 20_000,
    });
    try {
      const { browser } = await launcher.acquire();
      const context = await browser.newContext();
      await context.newPage();
      const urls = await targetUrls(browser);
      expect(urls).toContain('about:blank');
      expect(urls.filter((url) => url.startsWith('chrome://omnibox-popup'))).toEqual([]);
      expect(effectiveFeatures(await browserPid(browser), '--disable-features')).toEqual(
        expect.arrayContaining(['WebUIOmniboxPopup', ...PLAYWRIGHT_DISABLED_FEATURES]),
      );
    } finally {
      await launcher.close();
    }
  });
});
