import { createHash } from 'node:crypto';
import type { ActionResultV1 } from '@webbyflow/contracts';
import { pageDownloadCsv } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

const MAX_DOWNLOAD_BYTES = 64 * 1024;
const DOWNLOAD_TIMEOUT_MS = 3_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('page actions: downloads', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start({
      // one session per test, none closed before the harness stops
      BROWSER_MAX_CONTEXTS: '8',
      BROWSER_MAX_DOWNLOAD_BYTES: String(MAX_DOWNLOAD_BYTES),
      BROWSER_DOWNLOAD_TIMEOUT_MS: String(DOWNLOAD_TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Opens the exports page and clicks the control named `name`. */
  const openAndClick = async (role: string, name: string) => {
    const taskId = await h.open('page-downloads.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, { type: 'click', elementId: h.element(tree, role, name).id, reasoning: '' });
    return { taskId, result };
  };
  const storedDownloads = (taskId: string) =>
    h.artifacts.artifacts.filter((a) => a.taskId === taskId && a.kind === 'download');
  /** The one stored download of a result, checked against the bytes the site or page produced. */
  const expectStored = (taskId: string, result: ActionResultV1, expected: Buffer, fileName: string) => {
    expect(result).toMatchObject({
      success: true,
      downloads: [{ fileName, sizeBytes: expected.length, sha256: sha256(expected) }],
    });
    const [stored] = storedDownloads(taskId);
    expect(stored).toMatchObject({ artifactId: result.downloads?.[0].artifactId, stepIndex: 1 });
    expect(stored.body.equals(expected)).toBe(true);
  };

  it('should store a file the site sends as an attachment with the bytes and sha256 it served', async () => {
    const { taskId, result } = await openAndClick('link', 'Download the report');

    expectStored(taskId, result, pageDownloadCsv(200), 'report.csv');
    expect(result.downloads?.[0].contentType).toBe('text/csv');
    // an attachment does not navigate away
    expect(await h.page(taskId).locator('h1').textContent()).toBe('Exports');
  });

  it('should store a download the page builds from a Blob in script', async () => {
    const { taskId, result } = await openAndClick('button', 'Export settings');

    const exported = Buffer.from((await h.page(taskId).locator('#exported').textContent()) ?? '', 'utf8');
    expect(exported.toString()).toContain('"theme": "dark"');
    expectStored(taskId, result, exported, 'settings.json');
  });

  it('should report a download over the size cap as failed and store nothing', async () => {
    expect(pageDownloadCsv(5000).length).toBeGreaterThan(MAX_DOWNLOAD_BYTES);
    const { taskId, result } = await openAndClick('link', 'full history');

    expect(result).toMatchObject({
      success: true,
      failedDownloads: [{ fileName: 'report.csv', code: 'DOWNLOAD_TOO_LARGE' }],
    });
    expect(result.downloads).toBeUndefined();
    expect(storedDownloads(taskId)).toEqual([]);
  });

  it('should give up on a download that does not finish in time instead of hanging the action', async () => {
    const started = Date.now();
    const { taskId, result } = await openAndClick('link', 'live feed');

    expect(result).toMatchObject({
      success: true,
      failedDownloads: [{ fileName: 'feed.csv', code: 'DOWNLOAD_TIMEOUT' }],
    });
    expect(Date.now() - started).toBeLessThan(DOWNLOAD_TIMEOUT_MS + 10_000);
    expect(storedDownloads(taskId)).toEqual([]);
  });

  it('should abort an action waiting for its download when the task’s session is closed', async () => {
    const taskId = await h.open('page-downloads.html');
    const { tree } = await h.scrape(taskId);
    const downloading = new Promise((resolve) => h.page(taskId).once('download', resolve));
    const meta = (key: string) => ({ id: `${taskId}:${key}`, correlationId: taskId, causationId: null, orgId: 'org' });
    const route = { route: 'browser-harness' };
    const action = { type: 'click' as const, elementId: h.element(tree, 'link', 'live feed').id, reasoning: '' };
    await h.bus.publish(
      'webbyflow.cmd.browser.execute_action.v1',
      { taskId, stepIndex: 1, actionIndex: 0, action },
      meta('s1:a0:execute_action'),
      route,
    );
    await downloading;
    const closing = Date.now();
    await h.bus.publish('webbyflow.cmd.browser.close_session.v1', { taskId, reason: 'canceled' }, meta('close'), route);

    const failed = await h.events.waitFor(
      'webbyflow.evt.browser.failed.v1',
      (e) => e.correlationId === taskId && e.payload.operation === 'webbyflow.cmd.browser.execute_action.v1',
    );
    expect(failed.payload.error).toMatchObject({ code: 'SESSION_CLOSED' });
    expect(Date.now() - closing).toBeLessThan(DOWNLOAD_TIMEOUT_MS);
    expect(h.events.events.some((e) => e.subject.endsWith('action_executed.v1') && e.correlationId === taskId)).toBe(
      false,
    );
  });
});
