import { ConfigException } from '@webbyflow/common';
import { browserSvcConfigSchema, defaultInstanceId, loadBrowserSvcConfig, toBrowserConfig } from './browser-svc.config';

describe(loadBrowserSvcConfig.name, () => {
  it('should apply the defaults when nothing is set', () => {
    const config = loadBrowserSvcConfig({});
    expect(config).toMatchObject({
      PORT: 3002,
      INSTANCE_ID: defaultInstanceId(),
      BROWSER_HEADLESS: true,
      BROWSER_EXTRA_ARGS: [],
      ARTIFACT_SVC_URL: 'http://127.0.0.1:3004',
    });
    expect(config.CHROMIUM_PATH).toBeUndefined();
    expect(toBrowserConfig(config, () => false)).toMatchObject({ executablePath: '/usr/bin/chromium', maxContexts: 4 });
  });

  it('should run the headless shell when it is installed and CHROMIUM_PATH is not set', () => {
    const installed = (path: string) => path === '/usr/bin/chromium-headless-shell';
    expect(toBrowserConfig(loadBrowserSvcConfig({}), installed).executablePath).toBe(
      '/usr/bin/chromium-headless-shell',
    );
    expect(toBrowserConfig(loadBrowserSvcConfig({ CHROMIUM_PATH: '' }), installed).executablePath).toBe(
      '/usr/bin/chromium-headless-shell',
    );
    // The shell cannot show a window.
    expect(toBrowserConfig(loadBrowserSvcConfig({ BROWSER_HEADLESS: 'false' }), installed).executablePath).toBe(
      '/usr/bin/chromium',
    );
    expect(toBrowserConfig(loadBrowserSvcConfig({ CHROMIUM_PATH: '/opt/c/chrome' }), installed).executablePath).toBe(
      '/opt/c/chrome',
    );
  });

  it('should make a NATS token of the host name when deriving the instance id', () => {
    expect(defaultInstanceId('node-1.cluster.local')).toBe('browser-node-1-cluster-local');
    expect(defaultInstanceId()).toMatch(/^browser-[A-Za-z0-9_-]+$/);
  });

  it('should map the browser variables onto the browser config when they are set', () => {
    const config = loadBrowserSvcConfig({
      INSTANCE_ID: 'browser-7',
      CHROMIUM_PATH: '/opt/chromium/chrome',
      BROWSER_HEADLESS: 'false',
      BROWSER_EXTRA_ARGS: '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, --lang=en',
      BROWSER_MAX_CONTEXTS: '8',
      BROWSER_ACTION_TIMEOUT_MS: '2500',
      BROWSER_SCREENSHOT_TYPE: 'png',
    });
    expect(config.INSTANCE_ID).toBe('browser-7');
    expect(toBrowserConfig(config)).toMatchObject({
      executablePath: '/opt/chromium/chrome',
      headless: false,
      extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--lang=en'],
      maxContexts: 8,
      actionTimeoutMs: 2500,
      screenshotType: 'png',
    });
  });

  it('should fall back to the derived instance id when INSTANCE_ID is empty', () => {
    expect(browserSvcConfigSchema.parse({ INSTANCE_ID: '' }).INSTANCE_ID).toBe(defaultInstanceId());
  });

  it('should name every bad variable when the environment is invalid', () => {
    const load = () =>
      loadBrowserSvcConfig({ INSTANCE_ID: 'a.b', BROWSER_MAX_CONTEXTS: '0', ARTIFACT_SVC_URL: 'nope' });
    expect(load).toThrow(ConfigException);
    expect(load).toThrow(/INSTANCE_ID/);
    expect(load).toThrow(/BROWSER_MAX_CONTEXTS/);
    expect(load).toThrow(/ARTIFACT_SVC_URL/);
  });
});
