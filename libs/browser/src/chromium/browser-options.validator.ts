import { isIP } from 'node:net';
import { BrowserOptionsV1 } from '@webbyflow/contracts';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';

/** INVALID_BROWSER_OPTIONS naming the option as the contract spells it, e.g. `browser.timezoneId`. */
export function invalidBrowserOption(field: string, problem: string, cause?: unknown): BrowserException {
  return new BrowserException(BrowserExceptionCode.INVALID_BROWSER_OPTIONS, `browser.${field} ${problem}`, {
    cause,
  });
}

const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** A bare host name or IP address, lower case, without a trailing dot; undefined if it is not one. */
export function normalizeBlockedHost(host: string): string | undefined {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0) return name.replace(/^\[(.*)\]$/, '$1');
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label))
    ? name
    : undefined;
}

/**
 * Parses the options again at the browser's own boundary (the lib may be called by more than one adapter)
 * and checks what the schema cannot: shapes Chromium or Playwright would refuse later with a vaguer
 * message. Throws INVALID_BROWSER_OPTIONS naming the first bad field; never puts a secret in the message.
 */
export function parseBrowserOptions(input: unknown): BrowserOptionsV1 {
  const parsed = BrowserOptionsV1.safeParse(input ?? {});
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue.path.map(String).join('.') || '(options)';
    throw invalidBrowserOption(field, `is invalid: ${issue.message}`);
  }
  const options = parsed.data;
  checkProxy(options.proxy);
  options.cookies?.forEach((cookie, i) => {
    if (cookie.url && (cookie.domain || cookie.path))
      throw invalidBrowserOption(`cookies[${i}]`, 'must have either url or domain (with an optional path), not both');
    if (!cookie.url && !cookie.domain) throw invalidBrowserOption(`cookies[${i}]`, 'needs a url or a domain');
  });
  options.blockHosts?.forEach((host, i) => {
    if (!normalizeBlockedHost(host))
      throw invalidBrowserOption(`blockHosts[${i}]`, 'must be a host name such as ads.example.com (no scheme or port)');
  });
  return options;
}

function checkProxy(proxy: BrowserOptionsV1['proxy']): void {
  if (!proxy) return;
  let server: URL;
  try {
    server = new URL(proxy.server);
  } catch (error) {
    throw invalidBrowserOption('proxy.server', 'is not a URL such as http://proxy:3128', error);
  }
  // Credentials in the URL would end up in Chromium's flags and in error messages.
  if (server.username || server.password)
    throw invalidBrowserOption('proxy.server', 'must not carry credentials; send proxy.username and proxy.password');
  if ((server.pathname !== '/' && server.pathname !== '') || server.search || server.hash)
    throw invalidBrowserOption('proxy.server', 'must be scheme://host:port without a path');
  if (proxy.password !== undefined && proxy.username === undefined)
    throw invalidBrowserOption('proxy.password', 'needs proxy.username');
  if (proxy.username !== undefined && server.protocol.startsWith('socks'))
    throw invalidBrowserOption('proxy.username', 'is not supported: Chromium cannot authenticate to a SOCKS proxy');
}

/** What Chromium says when it refuses an emulation setting, mapped to the option behind it. */
const CHROMIUM_REFUSALS: ReadonlyArray<[RegExp, keyof BrowserOptionsV1]> = [
  [/timezone/i, 'timezoneId'],
  [/user ?agent/i, 'userAgent'],
  [/extra ?http ?headers|header (name|value)/i, 'extraHttpHeaders'],
  [/locale/i, 'locale'],
  [/proxy/i, 'proxy'],
  [/storage ?state|local ?storage/i, 'profileArtifactId'],
];

/**
 * The option Chromium refused while the context and its first page were being set up, as a terminal
 * INVALID_BROWSER_OPTIONS; undefined when the error is not about an option (a crash, say).
 */
export function refusedBrowserOption(error: unknown, options: BrowserOptionsV1): BrowserException | undefined {
  if (!(error instanceof Error)) return undefined;
  const reason = error.message.split('\n', 1)[0].replace(/^[\w.]+: /, '');
  for (const [pattern, field] of CHROMIUM_REFUSALS) {
    if (options[field] !== undefined && pattern.test(reason))
      return invalidBrowserOption(field, `was refused by Chromium: ${redact(reason, options)}`, error);
  }
  return undefined;
}

/** The message with every cookie value, header value and the proxy password blanked out. */
export function redact(message: string, options: BrowserOptionsV1): string {
  const secrets = [
    ...(options.cookies ?? []).map((c) => c.value),
    ...Object.values(options.extraHttpHeaders ?? {}),
    options.proxy?.password ?? '',
  ].filter((secret) => secret.length >= 3);
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}
