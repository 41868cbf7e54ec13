import { ConfigException } from '@webbyflow/common';
import { resolveBrowserConfig } from './browser.config';

describe(resolveBrowserConfig.name, () => {
  it('should fill defaults when nothing is given', () => {
    const config = resolveBrowserConfig();
    expect(config.executablePath).toBe('/usr/bin/chromium');
    expect(config.headless).toBe(true);
    expect(config.maxContexts).toBe(4);
    expect(config.maxTextChars).toBe(20_000);
    expect(config.viewport).toEqual({ width: 1280, height: 800 });
  });

  it('should keep overrides when they are valid', () => {
    expect(resolveBrowserConfig({ maxContexts: 2, extraArgs: ['--lang=en-US'] })).toMatchObject({
      maxContexts: 2,
      extraArgs: ['--lang=en-US'],
    });
  });

  it('should name every bad field when the config is invalid', () => {
    expect(() => resolveBrowserConfig({ maxContexts: 0, actionTimeoutMs: -1 })).toThrow(ConfigException);
    expect(() => resolveBrowserConfig({ maxContexts: 0, actionTimeoutMs: -1 })).toThrow(
      /maxContexts[\s\S]*actionTimeoutMs/,
    );
  });
});
