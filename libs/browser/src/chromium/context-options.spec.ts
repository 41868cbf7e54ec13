import { contextOptionsFor, describeBrowserOptions, playwrightCookies } from './context-options';

const defaults = { viewport: { width: 1280, height: 800 } };

describe(contextOptionsFor.name, () => {
  it('should use the service viewport and nothing else when the task sets no options', () => {
    expect(contextOptionsFor({}, defaults)).toEqual({ viewport: { width: 1280, height: 800 } });
  });

  it('should map every context setting when the task sets them', () => {
    const storageState = { cookies: [], origins: [] };
    expect(
      contextOptionsFor(
        {
          viewport: { width: 400, height: 300 },
          locale: 'fr-FR',
          timezoneId: 'Europe/Paris',
          userAgent: 'UA',
          proxy: { server: 'http://p:1' },
          extraHttpHeaders: { 'x-a': '1' },
          blockHosts: ['ads.example'],
        },
        defaults,
        storageState,
      ),
    ).toEqual({
      viewport: { width: 400, height: 300 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      userAgent: 'UA',
      proxy: { server: 'http://p:1' },
      extraHTTPHeaders: { 'x-a': '1' },
      storageState,
    });
  });
});

describe(playwrightCookies.name, () => {
  it('should default the path of a domain cookie and drop expires -1', () => {
    expect(
      playwrightCookies([
        { name: 'a', value: '1', domain: '.shop.example', expires: -1 },
        { name: 'b', value: '2', url: 'https://shop.example/', expires: 2_000_000_000, httpOnly: true },
      ]),
    ).toEqual([
      { name: 'a', value: '1', domain: '.shop.example', path: '/' },
      { name: 'b', value: '2', url: 'https://shop.example/', expires: 2_000_000_000, httpOnly: true },
    ]);
  });
});

describe(describeBrowserOptions.name, () => {
  it('should list the options set without any cookie, header or proxy value', () => {
    const text = describeBrowserOptions({
      locale: 'de-DE',
      proxy: { server: 'http://proxy.internal:3128', username: 'bob', password: 'hunter2' },
      extraHttpHeaders: { authorization: 'Bearer tok' },
      cookies: [{ name: 'sid', value: 'cookie-secret', url: 'https://a.example/' }],
      saveProfile: true,
      blockResourceTypes: ['image'],
    });
    expect(text).toBe(
      'locale de-DE, proxy with credentials, 1 extra header(s), 1 cookie(s), saves its profile, blocks image',
    );
    expect(describeBrowserOptions({})).toBe('defaults');
  });
});
