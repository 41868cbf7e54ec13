import { randomUUID } from 'node:crypto';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import { COMMANDS_STREAM, type Envelope, TaskSpecV1, type BrowserOptionsV1 } from '@webbyflow/contracts';
import { TaskService } from './task.service';
import { OrchestrationTestBed } from '../testing/orchestration.test-bed';

const OPEN_SESSION = 'webbyflow.cmd.browser.open_session.v1';

describe(`${TaskService.name} browser options`, () => {
  let bed: OrchestrationTestBed;
  let jsm: JetStreamManager;
  let app: INestApplicationContext;
  let tasks: TaskService;
  let orgId: string;

  beforeAll(async () => {
    bed = await OrchestrationTestBed.start('browser_opts');
    ({ jsm, orgId } = bed);
    app = await bed.boot();
    tasks = app.get(TaskService);
  });

  afterAll(async () => {
    await bed?.stop();
  });

  async function create(browser?: BrowserOptionsV1) {
    const spec = TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: 'look', ...(browser ? { browser } : {}) });
    const view = await tasks.create(orgId, spec, randomUUID());
    const [row] = await bed.db.dataSource.query<Array<{ browser_options: unknown }>>(
      'SELECT browser_options FROM tasks WHERE id = $1',
      [view.id],
    );
    await bed.relayed();
    const command = (await jsm.streams.getMessage(COMMANDS_STREAM, { last_by_subj: OPEN_SESSION }))?.json<
      Envelope<Record<string, unknown>>
    >();
    expect(command?.correlationId).toBe(view.id);
    return { stored: row.browser_options, sent: command!.payload };
  }

  it('should store the task’s browser options and send them with open_session when the spec has them', async () => {
    const browser: BrowserOptionsV1 = {
      viewport: { width: 900, height: 700 },
      timezoneId: 'Europe/Berlin',
      proxy: { server: 'http://proxy.internal:3128', username: 'u', password: 'p' },
      cookies: [{ name: 'sid', value: 's', url: 'https://shop.example/' }],
      saveProfile: true,
      blockHosts: ['ads.example.com'],
    };

    const { stored, sent } = await create(browser);

    expect(stored).toEqual(browser);
    expect(sent).toEqual({ taskId: expect.any(String), url: 'http://127.0.0.1:9/', browser });
  });

  it('should store empty options and send open_session without browser when the spec has none', async () => {
    const { stored, sent } = await create();

    expect(stored).toEqual({});
    expect(sent).not.toHaveProperty('browser');
  });
});
