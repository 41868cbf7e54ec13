import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BrowserSessionManager } from '@webbyflow/browser';
import type { BrowserOptionsV1 } from '@webbyflow/contracts';
import { FIXTURE_CHROMIUM_ARGS } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

/** `*.pool.test` resolves to the fixture server, so host blocking can be tried on real subdomains. */
const RESOLVER = `--host-resolver-rules=MAP *.pool.test 127.0.0.1, ${FIXTURE_CHROMIUM_ARGS[0].split('=')[1]}`;

/** A forward HTTP proxy (absolute-form requests) that wants Basic credentials and records what it forwarded. */
class CountingProxy {
  readonly forwarded: string[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(username: string, password: string): Promise<CountingProxy> {
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new CountingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      if (req.headers['proxy-authorization'] !== expected) {
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="pool"' }).end();
        return;
      }
      const target = new URL(req.url ?? '');
      proxy.forwarded.push(target.pathname);
      const headers = { ...req.headers, via: '1.1 pool-proxy' };
      delete headers['proxy-authorization'];
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: req.method,
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    return proxy;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('browser pool: per-task browser options', () => {
  let h: BrowserSvcHarness;

  beforeAll(async () => {
    h = await BrowserSvcHarness.start({ BROWSER_EXTRA_ARGS: RESOLVER });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ready = (taskId: string) => h.page(taskId).locator('body[data-ready="yes"]').waitFor();
  const text = (taskId: string, id: string) => h.page(taskId).locator(`#${id}`).textContent();
  const echoOf = async (taskId: string) => JSON.parse((await text(taskId, 'echo')) ?? '') as Echo;
  const imageState = (taskId: string, id: string) => h.page(taskId).locator(`[id="${id}"]`).getAttribute('data-state');

  interface Echo {
    headers: Record<string, string>;
    cookies: Record<string, string>;
  }

  /** Publishes open_session and returns the failure browser-svc reports for it. */
  async function openExpectingFailure(browser: BrowserOptionsV1) {
    const taskId = randomUUID();
    await h.bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId, url: h.caseUrl('pool-echo.html'), browser },
      { id: `${taskId}:open_session`, correlationId: taskId, causationId: null, orgId: 'org-harness' },
    );
    const failed = await h.events.waitFor('webbyflow.evt.browser.failed.v1', (e) => e.correlationId === taskId);
    expect(h.app.get(BrowserSessionManager).has(taskId)).toBe(false);
    return failed.payload;
  }

  /** Closes through browser-svc, as the orchestrator does when a run ends, and returns the closed event. */
  async function close(taskId: string) {
    const opened = await h.events.waitFor('webbyflow.evt.browser.session_opened.v1', (e) => e.correlationId === taskId);
    await h.bus.publish(
      'webbyflow.cmd.browser.close_session.v1',
      { taskId, reason: 'completed' },
      { id: `${taskId}:close_session`, correlationId: taskId, causationId: null, orgId: opened.orgId },
      { route: opened.payload.browserInstanceId },
    );
    return h.events.waitFor('webbyflow.evt.browser.session_closed.v1', (e) => e.correlationId === taskId);
  }

  it('should show the viewport, locale, timezone and user agent the task set when the page reads them', async () => {
    const taskId = await h.open('pool-echo.html', {
      viewport: { width: 820, height: 610 },
      locale: 'de-DE',
      timezoneId: 'Asia/Tokyo',
      userAgent: 'WebbyFlowPool/1.0 (test)',
    });
    await ready(taskId);

    expect(await text(taskId, 'size')).toBe('820x610');
    expect(await text(taskId, 'lang')).toBe('de-DE');
    expect(await text(taskId, 'tz')).toBe('Asia/Tokyo');
    expect(await text(taskId, 'ua')).toBe('WebbyFlowPool/1.0 (test)');
    const { headers } = await echoOf(taskId);
    expect(headers['user-agent']).toBe('WebbyFlowPool/1.0 (test)');
    expect(headers['accept-language']).toMatch(/^de-DE/);
    await close(taskId);
  });

  it('should keep the service defaults when a task sets no options', async () => {
    const taskId = await h.open('pool-echo.html');
    await ready(taskId);

    expect(await text(taskId, 'size')).toBe('1280x800');
    expect(await text(taskId, 'ua')).not.toContain('WebbyFlowPool');
    expect(await imageState(taskId, 'img-same')).toBe('loaded');
    await close(taskId);
  });

  it('should send the extra headers and cookies with the very first request when the task sets them', async () => {
    const taskId = await h.open(`${h.site.baseUrl}/pool/echo`, {
      extraHttpHeaders: { 'x-pool-tenant': 'acme' },
      cookies: [
        { name: 'pool_in', value: 'from-options', url: h.site.baseUrl },
        { name: 'pool_domain', value: 'by-domain', domain: '127.0.0.1' },
      ],
    });

    const first = JSON.parse((await h.page(taskId).locator('body').textContent()) ?? '') as Echo;
    expect(first.headers['x-pool-tenant']).toBe('acme');
    expect(first.cookies).toEqual({ pool_in: 'from-options', pool_domain: 'by-domain' });
    await close(taskId);
  });

  it('should abort requests of a blocked resource type and count them when the task blocks images', async () => {
    const taskId = await h.open('pool-echo.html', { blockResourceTypes: ['image'] });
    await ready(taskId);

    expect(await imageState(taskId, 'img-same')).toBe('failed');
    expect((await echoOf(taskId)).headers.host).toBe(new URL(h.site.baseUrl).host);
    expect(h.app.get(BrowserSessionManager).blockedRequests(taskId)).toBeGreaterThanOrEqual(1);
    await close(taskId);
  });

  it('should block a host and its subdomains but not a look-alike host when the task blocks it', async () => {
    const hosts = ['img.pool.test', 'ads.pool.test', 'cdn.ads.pool.test', 'notads.pool.test'];
    const taskId = await h.open(`pool-echo.html?hosts=${hosts.join(',')}`, { blockHosts: ['ADS.pool.test'] });
    await ready(taskId);

    expect(await imageState(taskId, 'img-img.pool.test')).toBe('loaded');
    expect(await imageState(taskId, 'img-ads.pool.test')).toBe('failed');
    expect(await imageState(taskId, 'img-cdn.ads.pool.test')).toBe('failed');
    expect(await imageState(taskId, 'img-notads.pool.test')).toBe('loaded');
    expect(h.app.get(BrowserSessionManager).blockedRequests(taskId)).toBe(2);
    await close(taskId);
  });

  it('should send only that task’s traffic through its proxy, with its credentials, when the task sets one', async () => {
    const proxy = await CountingProxy.start('pool-user', 'pool-secret');
    try {
      const direct = await h.open('pool-echo.html');
      const proxied = await h.open('pool-echo.html', {
        proxy: { server: proxy.url, username: 'pool-user', password: 'pool-secret' },
      });
      await Promise.all([ready(direct), ready(proxied)]);

      expect((await echoOf(proxied)).headers.via).toBe('1.1 pool-proxy');
      expect((await echoOf(direct)).headers.via).toBeUndefined();
      expect(proxy.forwarded).toEqual(
        expect.arrayContaining(['/cases/pool-echo.html', '/pool/echo', '/pool/pixel.svg']),
      );
      expect(proxy.forwarded.filter((path) => path === '/cases/pool-echo.html')).toHaveLength(1);
      await Promise.all([close(direct), close(proxied)]);
    } finally {
      await proxy.close();
    }
  });

  it('should carry cookies and local storage to a later task when the first saves its profile', async () => {
    const first = await h.open('pool-echo.html?remember=Ada', { saveProfile: true });
    await ready(first);
    expect(await text(first, 'storage')).toBe('Ada');

    const closed = await close(first);
    const profile = closed.payload.profile;
    expect(profile).toMatchObject({ kind: 'browser_state', contentType: 'application/json' });
    const stored = JSON.parse(h.artifacts.get(profile!.artifactId)!.body.toString('utf8'));
    expect(stored.cookies).toEqual([expect.objectContaining({ name: 'pool_user', value: 'Ada', httpOnly: true })]);

    const second = await h.open('pool-echo.html', { profileArtifactId: profile!.artifactId });
    await ready(second);
    expect(await text(second, 'storage')).toBe('Ada');
    expect((await echoOf(second)).cookies).toEqual({ pool_user: 'Ada' });
    expect((await close(second)).payload.profile).toBeUndefined();
  });

  it('should fail open_session terminally with INVALID_BROWSER_OPTIONS naming timezoneId when Chromium rejects the zone', async () => {
    const failure = await openExpectingFailure({ timezoneId: 'Mars/Olympus_Mons' });

    expect(failure.operation).toBe('webbyflow.cmd.browser.open_session.v1');
    expect(failure.error).toMatchObject({ code: 'INVALID_BROWSER_OPTIONS', terminal: true });
    expect(failure.error.message).toMatch(/^browser\.timezoneId was refused by Chromium: .*Mars\/Olympus_Mons/);
    expect(h.app.get(BrowserSessionManager).liveCount).toBe(0);
  });

  it('should name the field without its secret value when a header value or the proxy URL is unusable', async () => {
    const header = await openExpectingFailure({ extraHttpHeaders: { 'x-token': 'line\nbreak-secret' } });
    expect(header.error).toMatchObject({ code: 'INVALID_BROWSER_OPTIONS', terminal: true });
    expect(header.error.message).toMatch(/^browser\.extraHttpHeaders /);
    expect(header.error.message).not.toContain('break-secret');

    const proxy = await openExpectingFailure({ proxy: { server: 'http://user:hunter22@127.0.0.1:9' } });
    expect(proxy.error.message).toMatch(/^browser\.proxy\.server must not carry credentials/);
    expect(proxy.error.message).not.toContain('hunter22');
  });

  it('should fail with INVALID_BROWSER_OPTIONS naming the field when a cookie or the profile is unusable', async () => {
    const cookie = await openExpectingFailure({ cookies: [{ name: 'orphan', value: 'x' }] });
    expect(cookie.error).toMatchObject({ code: 'INVALID_BROWSER_OPTIONS', terminal: true });
    expect(cookie.error.message).toMatch(/^browser\.cookies\[0\] needs a url or a domain/);

    const profile = await openExpectingFailure({ profileArtifactId: randomUUID() });
    expect(profile.error).toMatchObject({ code: 'INVALID_BROWSER_OPTIONS', terminal: true });
    expect(profile.error.message).toMatch(/^browser\.profileArtifactId names no saved profile/);

    const screenshot = h.artifacts.put({
      orgId: 'org-harness',
      taskId: randomUUID(),
      kind: 'screenshot',
      contentType: 'image/png',
      body: Buffer.from('not a profile'),
    });
    const wrongKind = await openExpectingFailure({ profileArtifactId: screenshot.artifactId });
    expect(wrongKind.error.message).toMatch(/^browser\.profileArtifactId does not name a saved browser profile/);
  });
});
