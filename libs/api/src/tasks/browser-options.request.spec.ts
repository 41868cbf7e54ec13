import { ApiException } from '../errors/api.exception';
import { parseCreateTaskRequest } from './create-task.request';

const valid = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

function problemsOf(browser: unknown): Array<{ field: string; message: string }> {
  try {
    parseCreateTaskRequest({ ...valid, browser });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return (error as ApiException).fields ?? [];
  }
  throw new Error('expected the browser options to be rejected');
}

describe('CreateTaskRequest.browser', () => {
  it('should leave browser out of the spec when the body has none', () => {
    expect(parseCreateTaskRequest(valid)).not.toHaveProperty('browser');
  });

  it('should map every snake_case field to the contract when all are sent', () => {
    const spec = parseCreateTaskRequest({
      ...valid,
      browser: {
        viewport: { width: 1024, height: 700 },
        locale: 'de-DE',
        timezone_id: 'Europe/Berlin',
        user_agent: 'Bot/1.0',
        proxy: { server: 'http://proxy.internal:3128', username: 'u', password: 'p' },
        extra_http_headers: { 'x-tenant': 'acme' },
        cookies: [
          { name: 'sid', value: 's', url: 'https://shop.example/', http_only: true, same_site: 'Lax' },
          { name: 'pref', value: 'dark', domain: '.shop.example' },
        ],
        profile_artifact_id: '5b0c1f2e-3d4a-4b5c-8d6e-7f8091a2b3c4',
        save_profile: true,
        block_resource_types: ['image', 'font'],
        block_hosts: ['ads.example.com'],
        dialogs: 'dismiss',
        screenshot: { type: 'png', full_page: true, marks: false },
        tree_token_budget: 4000,
      },
    });
    expect(spec.browser).toEqual({
      viewport: { width: 1024, height: 700 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      userAgent: 'Bot/1.0',
      proxy: { server: 'http://proxy.internal:3128', username: 'u', password: 'p' },
      extraHttpHeaders: { 'x-tenant': 'acme' },
      cookies: [
        { name: 'sid', value: 's', url: 'https://shop.example/', httpOnly: true, sameSite: 'Lax' },
        { name: 'pref', value: 'dark', domain: '.shop.example' },
      ],
      profileArtifactId: '5b0c1f2e-3d4a-4b5c-8d6e-7f8091a2b3c4',
      saveProfile: true,
      blockResourceTypes: ['image', 'font'],
      blockHosts: ['ads.example.com'],
      dialogs: 'dismiss',
      screenshot: { type: 'png', fullPage: true, marks: false },
      treeTokenBudget: 4000,
    });
  });

  it('should name the nested field as the client spelled it when a value is bad', () => {
    expect(problemsOf({ timezone_id: 'Mars/Olympus' })).toEqual([
      { field: 'browser.timezone_id', message: 'must be an IANA time zone such as Europe/Berlin' },
    ]);
    expect(problemsOf({ viewport: { width: 50, height: 600 } })).toEqual([
      { field: 'browser.viewport.width', message: expect.stringContaining('200') },
    ]);
    expect(problemsOf({ block_resource_types: ['images'] })).toEqual([
      { field: 'browser.block_resource_types[0]', message: expect.stringContaining('image') },
    ]);
  });

  it('should reject camelCase and unknown fields inside browser', () => {
    expect(problemsOf({ timezoneId: 'Europe/Berlin' })).toEqual([
      { field: 'browser.timezoneId', message: 'is not a known field; remove it' },
    ]);
  });

  it('should name a cookie that has neither url nor domain, or both', () => {
    expect(problemsOf({ cookies: [{ name: 'a', value: 'b' }] })).toEqual([
      { field: 'browser.cookies[0]', message: 'needs a url or a domain' },
    ]);
    expect(
      problemsOf({ cookies: [{ name: 'a', value: 'b', url: 'https://a.example/', domain: 'a.example' }] }),
    ).toEqual([
      { field: 'browser.cookies[0]', message: 'must have either url or domain (with an optional path), not both' },
    ]);
  });

  it('should refuse proxy credentials in the server URL and a blocked host that is a URL', () => {
    expect(problemsOf({ proxy: { server: 'http://bob:pw@proxy:3128' } })).toEqual([
      { field: 'browser.proxy.server', message: 'must not carry credentials; send proxy.username and proxy.password' },
    ]);
    expect(problemsOf({ block_hosts: ['https://ads.example.com/'] })).toEqual([
      { field: 'browser.block_hosts[0]', message: expect.stringContaining('must be a host name') },
    ]);
  });
});
