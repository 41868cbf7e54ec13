import type { BrowserOptionsV1, CookieV1 } from '@webbyflow/contracts';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import type { BrowserStorageState } from './browser-profile';

type PlaywrightCookie = Parameters<BrowserContext['addCookies']>[0][number];

/**
 * The Playwright context settings a task asked for, over the service defaults. playwright-core 1.65 gives a
 * Chromium context its own proxy (Target.createBrowserContext's proxyServer), so the launch needs no global
 * `per-context` placeholder proxy (it drops one if given). It also sends loopback traffic through the proxy
 * unless `bypass` names a loopback host.
 */
export function contextOptionsFor(
  options: BrowserOptionsV1,
  defaults: { viewport: { width: number; height: number } },
  storageState?: BrowserStorageState,
): BrowserContextOptions {
  const settings: BrowserContextOptions = { viewport: options.viewport ?? defaults.viewport };
  if (options.locale) settings.locale = options.locale;
  if (options.timezoneId) settings.timezoneId = options.timezoneId;
  if (options.userAgent) settings.userAgent = options.userAgent;
  if (options.proxy) settings.proxy = { ...options.proxy };
  if (options.extraHttpHeaders) settings.extraHTTPHeaders = { ...options.extraHttpHeaders };
  if (storageState) settings.storageState = storageState;
  return settings;
}

/** Cookies as `addCookies` takes them: a `domain` cookie without a path gets `/`, `expires: -1` means a session cookie. */
export function playwrightCookies(cookies: readonly CookieV1[]): PlaywrightCookie[] {
  return cookies.map((cookie) => {
    const { expires, ...rest } = cookie;
    const mapped: PlaywrightCookie = { ...rest };
    if (cookie.domain && !cookie.path) mapped.path = '/';
    if (expires !== undefined && expires !== -1) mapped.expires = expires;
    return mapped;
  });
}

/**
 * The task's options for a log line: which are set and how many, never a value (cookie values, header values
 * and proxy credentials are secrets; the others do not need to be in logs).
 */
export function describeBrowserOptions(options: BrowserOptionsV1): string {
  const parts: string[] = [];
  if (options.viewport) parts.push(`viewport ${options.viewport.width}x${options.viewport.height}`);
  if (options.locale) parts.push(`locale ${options.locale}`);
  if (options.timezoneId) parts.push(`timezone ${options.timezoneId}`);
  if (options.userAgent) parts.push('user agent');
  if (options.proxy) parts.push(options.proxy.username ? 'proxy with credentials' : 'proxy');
  const headers = Object.keys(options.extraHttpHeaders ?? {}).length;
  if (headers) parts.push(`${headers} extra header(s)`);
  if (options.cookies?.length) parts.push(`${options.cookies.length} cookie(s)`);
  if (options.profileArtifactId) parts.push(`profile ${options.profileArtifactId}`);
  if (options.saveProfile) parts.push('saves its profile');
  if (options.blockResourceTypes?.length) parts.push(`blocks ${options.blockResourceTypes.join(',')}`);
  if (options.blockHosts?.length) parts.push(`blocks ${options.blockHosts.length} host(s)`);
  return parts.length ? parts.join(', ') : 'defaults';
}
