import { BrowserExceptionCode } from '../browser.exception';
import { normalizeBlockedHost, parseBrowserOptions, redact, refusedBrowserOption } from './browser-options.validator';

function problemOf(input: unknown): string {
  try {
    parseBrowserOptions(input);
  } catch (error) {
    expect(error).toMatchObject({ code: BrowserExceptionCode.INVALID_BROWSER_OPTIONS, terminal: true });
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe(parseBrowserOptions.name, () => {
  it('should accept no options and a full set when they are usable', () => {
    expect(parseBrowserOptions(undefined)).toEqual({});
    const full = {
      viewport: { width: 800, height: 600 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      proxy: { server: 'http://proxy.internal:3128', username: 'u', password: 'p', bypass: '.internal' },
      cookies: [
        { name: 'a', value: '1', url: 'https://shop.example/' },
        { name: 'b', value: '2', domain: '.shop.example' },
      ],
      blockHosts: ['ads.example.com', '10.0.0.1'],
      blockResourceTypes: ['image', 'font'],
      saveProfile: true,
    };
    expect(parseBrowserOptions(full)).toEqual(full);
  });

  it('should name the field when the schema rejects it', () => {
    expect(problemOf({ viewport: { width: 10, height: 600 } })).toMatch(/^browser\.viewport\.width is invalid/);
    expect(problemOf({ colour: 'red' })).toMatch(/^browser\.\(options\) is invalid: .*colour/);
  });

  it('should refuse proxy credentials in the URL without repeating them', () => {
    const message = problemOf({ proxy: { server: 'http://bob:s3cret@proxy:3128' } });
    expect(message).toBe('browser.proxy.server must not carry credentials; send proxy.username and proxy.password');
  });

  it.each([
    [{ server: 'http://proxy:3128/path' }, /^browser\.proxy\.server must be scheme:\/\/host:port/],
    [{ server: 'http://proxy:3128', password: 'p' }, /^browser\.proxy\.password needs proxy\.username/],
    [{ server: 'socks5://proxy:1080', username: 'u' }, /^browser\.proxy\.username is not supported/],
  ])('should name the proxy field when the proxy %p cannot work', (proxy, expected) => {
    expect(problemOf({ proxy })).toMatch(expected);
  });

  it('should name the cookie when it has neither url nor domain, or both', () => {
    expect(problemOf({ cookies: [{ name: 'a', value: 'secret-value' }] })).toBe(
      'browser.cookies[0] needs a url or a domain',
    );
    expect(
      problemOf({
        cookies: [
          { name: 'a', value: 'x', url: 'https://a.example/' },
          { name: 'b', value: 'y', url: 'https://a.example/', domain: 'a.example' },
        ],
      }),
    ).toMatch(/^browser\.cookies\[1\] must have either url or domain/);
  });

  it('should name a blocked host when it is a URL or a pattern instead of a host name', () => {
    expect(problemOf({ blockHosts: ['ads.example.com', 'https://ads.example.com/'] })).toMatch(
      /^browser\.blockHosts\[1\] must be a host name/,
    );
    expect(problemOf({ blockHosts: ['*.example.com'] })).toMatch(/^browser\.blockHosts\[0\]/);
  });
});

describe(normalizeBlockedHost.name, () => {
  it('should lower-case host names and drop a trailing dot and IPv6 brackets', () => {
    expect(normalizeBlockedHost('Ads.Example.COM.')).toBe('ads.example.com');
    expect(normalizeBlockedHost('[::1]')).toBe('::1');
    expect(normalizeBlockedHost('ads.example.com:443')).toBeUndefined();
  });
});

describe(refusedBrowserOption.name, () => {
  it('should map Chromium’s refusal of a time zone to timezoneId', () => {
    const error = new Error('browserContext.newPage: Invalid timezone ID: Mars/Base\nCall log: …');
    expect(refusedBrowserOption(error, { timezoneId: 'Mars/Base' })?.message).toBe(
      'browser.timezoneId was refused by Chromium: Invalid timezone ID: Mars/Base',
    );
  });

  it('should map an invalid header value to extraHttpHeaders without the value', () => {
    const error = new Error(
      'browserContext.newPage: Protocol error (Network.setExtraHTTPHeaders): Invalid header value',
    );
    expect(refusedBrowserOption(error, { extraHttpHeaders: { 'x-a': 'tok\nen' } })?.message).toMatch(
      /^browser\.extraHttpHeaders was refused by Chromium/,
    );
  });

  it('should leave an error alone when it is not about an option the task set', () => {
    expect(refusedBrowserOption(new Error('Target page, context or browser has been closed'), {})).toBeUndefined();
    expect(refusedBrowserOption(new Error('Invalid timezone ID: X'), {})).toBeUndefined();
  });
});

describe(redact.name, () => {
  it('should blank out cookie values, header values and the proxy password', () => {
    const options = {
      cookies: [{ name: 'sid', value: 'cookie-secret', url: 'https://a.example/' }],
      extraHttpHeaders: { authorization: 'Bearer header-secret' },
      proxy: { server: 'http://p:1', username: 'u', password: 'proxy-secret' },
    };
    expect(redact('cookie-secret Bearer header-secret proxy-secret sid', options)).toBe('*** *** *** sid');
  });
});
