import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { BROWSER_HEARTBEATS_BUCKET, COMMANDS_STREAM, TaskSpecV1 } from '@webbyflow/contracts';
import { KvBuckets } from '@webbyflow/messaging';
import { AgentLoopService } from '../loop/agent-loop.service';
import { TaskService } from '../tasks/task.service';
import { OrchestrationTestBed } from '../testing/orchestration.test-bed';
import { SessionLivenessWatcher } from './session-liveness.watcher';

describe(SessionLivenessWatcher.name, () => {
  let bed: OrchestrationTestBed;
  let app: INestApplicationContext;
  let watcher: SessionLivenessWatcher;
  let beat: (instanceId: string, taskIds: string[]) => Promise<void>;

  beforeAll(async () => {
    bed = await OrchestrationTestBed.start('liveness');
    app = await bed.boot({ BROWSER_HEARTBEAT_TIMEOUT_MS: '6000' });
    watcher = app.get(SessionLivenessWatcher);
    const bucket = await app.get(KvBuckets).open(BROWSER_HEARTBEATS_BUCKET);
    const startedAt = new Date().toISOString();
    beat = (instanceId, taskIds) =>
      bucket.put(instanceId, { instanceId, startedAt, beatAt: new Date().toISOString(), taskIds });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  /** A running run whose session browser-svc instance `instanceId` opened. */
  async function runningOn(instanceId: string): Promise<string> {
    const view = await app
      .get(TaskService)
      .create(bed.orgId, TaskSpecV1.parse({ url: 'http://127.0.0.1:9/form', goal: 'send it' }), randomUUID());
    await app.get(AgentLoopService).onSessionOpened({
      id: `${view.id}:session_opened`,
      subject: 'webbyflow.evt.browser.session_opened.v1',
      version: 1,
      correlationId: view.id,
      causationId: `${view.id}:open_session`,
      occurredAt: new Date().toISOString(),
      orgId: bed.orgId,
      payload: { taskId: view.id, browserInstanceId: instanceId, url: view.url },
    });
    return view.id;
  }
  const attempts = (taskId: string) =>
    bed.db.dataSource.query<Array<{ code: string; status: string; command_id: string }>>(
      `SELECT code, status, command_id FROM recovery_attempts WHERE task_id = $1`,
      [taskId],
    );

  it('should leave runs alone when their instance keeps beating', async () => {
    const taskId = await runningOn('alive-1');
    const t0 = Date.now();
    await beat('alive-1', [taskId]);
    await watcher.check(t0);
    await beat('alive-1', [taskId]);
    expect(await watcher.check(t0 + 7_000)).toBe(0);
    expect(await attempts(taskId)).toEqual([]);
  });

  it('should recover the run when its instance restarted quickly and beats without its session', async () => {
    const taskId = await runningOn('quick-1');
    const t0 = Date.now();
    await beat('quick-1', [taskId]);
    expect(await watcher.check(t0)).toBe(0);
    // Killed and back under the same id within a beat: the entry keeps changing, without the run.
    await beat('quick-1', []);
    expect(await watcher.check(t0 + 2_000)).toBe(0); // first seen missing
    await beat('quick-1', []);
    expect(await watcher.check(t0 + 5_000)).toBe(0); // missing, but not long enough
    await beat('quick-1', []);
    expect(await watcher.check(t0 + 8_500)).toBe(1);
    expect(await attempts(taskId)).toEqual([
      { code: 'SESSION_LOST', status: 'awaiting_session', command_id: `${taskId}:recovery:r1:open_session` },
    ]);
  });

  it('should leave a run alone when it is missing from one beat only (a session opened between beats)', async () => {
    const taskId = await runningOn('fresh-1');
    const t0 = Date.now();
    await beat('fresh-1', []);
    expect(await watcher.check(t0)).toBe(0);
    await beat('fresh-1', [taskId]);
    expect(await watcher.check(t0 + 2_000)).toBe(0);
    await beat('fresh-1', [taskId]);
    expect(await watcher.check(t0 + 9_000)).toBe(0);
    expect(await attempts(taskId)).toEqual([]);
  });

  it('should recover the run in a new session when its instance went silent past the timeout', async () => {
    const taskId = await runningOn('silent-1');
    const t0 = Date.now();
    await beat('silent-1', [taskId]);
    expect(await watcher.check(t0)).toBe(0); // first sighting
    expect(await watcher.check(t0 + 5_000)).toBe(0); // silent, but not long enough
    expect(await watcher.check(t0 + 6_500)).toBe(1);

    expect(await attempts(taskId)).toEqual([
      { code: 'SESSION_LOST', status: 'awaiting_session', command_id: `${taskId}:recovery:r1:open_session` },
    ]);
    await bed.relayed();
    const open = await bed.jsm.streams.getMessage(COMMANDS_STREAM, {
      last_by_subj: 'webbyflow.cmd.browser.open_session.v1',
    });
    expect(open?.json<{ id: string }>().id).toBe(`${taskId}:recovery:r1:open_session`);
    // Awaiting its replacement, the run is not handed over again.
    await watcher.check(t0 + 20_000);
    expect(await attempts(taskId)).toHaveLength(1);
  });

  it('should treat an instance with no heartbeat entry at all as silent', async () => {
    const taskId = await runningOn('never-beat');
    const t0 = Date.now();
    await beat('alive-1', []); // the first test's instance, still beating
    await watcher.check(t0);
    await beat('alive-1', []);
    expect(await watcher.check(t0 + 6_000)).toBe(1);
    expect((await attempts(taskId)).map((a) => a.code)).toEqual(['SESSION_LOST']);
  });
});
