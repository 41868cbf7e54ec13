import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { TaskSpecV1 } from '@webbyflow/contracts';
import type { ScratchDatabase } from '@webbyflow/persistence';
import { waitFor } from '@webbyflow/testing';
import { AgentLoopService } from '../loop/agent-loop.service';
import { OrchestratorExceptionCode } from '../orchestrator.exception';
import { TaskService } from '../tasks/task.service';
import { AdmissionService } from './admission.service';
import { OrchestrationTestBed } from '../testing/orchestration.test-bed';

const CAP = 3;

describe(AdmissionService.name, () => {
  let bed: OrchestrationTestBed;
  let app: INestApplicationContext;
  let tasks: TaskService;
  let admission: AdmissionService;
  let loop: AgentLoopService;
  let orgId: string;
  let db: ScratchDatabase;

  beforeAll(async () => {
    bed = await OrchestrationTestBed.start('admission');
    ({ orgId, db } = bed);
    app = await bed.boot({
      ORCHESTRATOR_ADMISSION_INTERVAL_MS: '100000',
      ORCHESTRATOR_MAX_RUNNING: String(CAP),
      ORCHESTRATOR_MAX_QUEUED: '12',
    });
    tasks = app.get(TaskService);
    admission = app.get(AdmissionService);
    loop = app.get(AgentLoopService);
  });

  afterAll(async () => {
    await bed?.stop();
  });

  const spec = (priority?: number) =>
    TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: 'look', ...(priority !== undefined ? { priority } : {}) });
  const rows = () =>
    db.dataSource.query<Array<{ id: string; status: string; admitted_at: Date | null; deadline_at: Date | null }>>(
      'SELECT id, status, admitted_at, deadline_at FROM tasks ORDER BY created_at',
    );
  const holding = async () =>
    (await rows()).filter((r) => r.status === 'running' || (r.status === 'queued' && r.admitted_at)).length;
  const sessionOpened = (taskId: string) =>
    loop.onSessionOpened({
      id: randomUUID(),
      subject: 'webbyflow.evt.browser.session_opened.v1',
      correlationId: taskId,
      causationId: null,
      occurredAt: new Date().toISOString(),
      version: 1,
      orgId,
      payload: { taskId, browserInstanceId: 'b1', url: 'http://127.0.0.1:9/' },
    });

  it('should never hold more than the cap and start by priority then age when 10 runs are queued', async () => {
    // Three runs take every slot first, so the ten below queue behind them and are ordered only by admission.
    for (let i = 0; i < CAP; i++) await tasks.create(orgId, spec(), randomUUID());
    await waitFor(async () => ((await holding()) === CAP ? true : undefined), { what: 'the blockers to be admitted' });
    const priorities = [0, 0, 5, 0, -3, 5, 0, 10, 0, 0];
    const ids: string[] = [];
    for (const p of priorities) ids.push((await tasks.create(orgId, spec(p), randomUUID())).id);
    const expected = ids
      .map((id, i) => ({ id, p: priorities[i], i }))
      .sort((a, b) => b.p - a.p || a.i - b.i)
      .map((r) => r.id);

    const started: string[] = [];
    for (let round = 0; round < ids.length + CAP; round++) {
      expect(await holding()).toBeLessThanOrEqual(CAP);
      for (const r of (await rows()).filter((row) => row.status === 'queued' && row.admitted_at)) {
        expect(r.deadline_at).not.toBeNull(); // the deadline counts from admission
        if (ids.includes(r.id)) started.push(r.id);
        await sessionOpened(r.id);
      }
      const [next] = (await rows()).filter((r) => r.status === 'running');
      if (!next) break;
      await tasks.cancel(orgId, next.id, 'done', randomUUID());
      await admission.kick();
    }
    expect(started).toEqual(expected);
    expect((await rows()).filter((r) => r.status === 'queued' && !r.admitted_at && !r.deadline_at)).toEqual([]);
  });

  it('should requeue the run instead of failing it when the browser answers SESSION_LIMIT_REACHED', async () => {
    await db.dataSource.query(`UPDATE tasks SET status = 'canceled' WHERE status IN ('created', 'queued', 'running')`);
    const { id } = await tasks.create(orgId, spec(), randomUUID());
    await waitFor(async () => ((await rows()).find((r) => r.id === id)?.admitted_at ? true : undefined), {
      what: 'admission',
    });
    const handled = await admission.requeueOnSessionLimit({
      id: randomUUID(),
      subject: 'webbyflow.evt.browser.failed.v1',
      correlationId: id,
      causationId: null,
      occurredAt: new Date().toISOString(),
      version: 1,
      orgId,
      payload: {
        taskId: id,
        stepIndex: null,
        operation: 'webbyflow.cmd.browser.open_session.v1',
        error: { name: 'BrowserException', code: 'SESSION_LIMIT_REACHED', message: 'full', terminal: false },
      },
    });
    expect(handled).toBe(true);
    const row = (await rows()).find((r) => r.id === id);
    expect(row).toMatchObject({ status: 'queued', admitted_at: null, deadline_at: null });
    expect(await admission.admit()).toEqual([id]);
    const [{ admission_count }] = await db.dataSource.query<Array<{ admission_count: number }>>(
      'SELECT admission_count FROM tasks WHERE id = $1',
      [id],
    );
    expect(admission_count).toBe(2);
  });

  it('should refuse a new run with QUEUE_FULL naming the limit when the queue is over ORCHESTRATOR_MAX_QUEUED', async () => {
    await db.dataSource.query(`UPDATE tasks SET status = 'canceled' WHERE status IN ('created', 'queued', 'running')`);
    await db.dataSource.query(
      `INSERT INTO tasks (org_id, status, url, goal, max_steps, timeout_seconds)
       SELECT $1, 'queued', 'http://127.0.0.1:9/', 'wait', 1, 60 FROM generate_series(1, 12)`,
      [orgId],
    );
    await expect(tasks.create(orgId, spec(), randomUUID())).rejects.toMatchObject({
      code: OrchestratorExceptionCode.QUEUE_FULL,
      message: expect.stringContaining('ORCHESTRATOR_MAX_QUEUED is 12'),
    });
    await db.dataSource.query(`UPDATE tasks SET status = 'canceled' WHERE status = 'queued'`);
  });

  it('should return the same task when an Idempotency-Key repeats with the same spec and refuse a different one', async () => {
    const key = `key-${randomUUID()}`;
    const first = await tasks.create(orgId, spec(1), randomUUID(), key);
    const again = await tasks.create(orgId, spec(1), randomUUID(), key);
    expect(again.id).toBe(first.id);
    await expect(tasks.create(orgId, spec(2), randomUUID(), key)).rejects.toMatchObject({
      code: OrchestratorExceptionCode.IDEMPOTENCY_KEY_REUSED,
    });
    const [{ n }] = await db.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM tasks WHERE idempotency_key = $1',
      [key],
    );
    expect(n).toBe(1);
  });
});
