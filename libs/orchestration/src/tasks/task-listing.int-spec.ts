import { randomUUID } from 'node:crypto';
import { TaskSpecV1 } from '@webbyflow/contracts';
import { DataSource } from 'typeorm';
import { EventLogService } from '../events/event-log.service';
import { TaskService } from './task.service';
import { AgentLoopHarness } from '../testing/agent-loop.harness';

describe(`${TaskService.name} listing`, () => {
  let h: AgentLoopHarness;
  let tasks: TaskService;
  let orgId: string;

  beforeAll(async () => {
    h = await AgentLoopHarness.start('loop_listing');
    ({ tasks, orgId } = h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('should keep each event of a run once and page through them in order', async () => {
    const id = await h.startRun();
    const log = h.app.get(EventLogService);
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
    const events = [0, 1, 2].map((n) => ({
      ...h.envelope('webbyflow.evt.task.step_started.v1', id, { taskId: id, stepIndex: n }),
      id: `${id}:e${n}`,
      occurredAt: at(n),
    }));
    // Same instant as e2 but recorded after it, with an id that sorts first: arrival order wins.
    const tie = { ...events[2], id: `${id}:a`, payload: { taskId: id, stepIndex: 3 } };
    for (const event of [...events, events[1], tie]) await log.record(event);
    await log.record({ ...events[0], id: 'other', correlationId: randomUUID() }); // no such task: skipped
    await log.record({ ...events[0], id: 'no-run', correlationId: 'not-a-task' }); // not a run: skipped
    const first = await tasks.events(orgId, id, null, 2);
    expect(first).toMatchObject({ taskId: id, nextCursor: `${id}:e1` });
    expect(first.events.map((e) => e.id)).toEqual([`${id}:e0`, `${id}:e1`]);
    const second = await tasks.events(orgId, id, first.nextCursor, 2);
    expect(second.events.map((e) => e.id)).toEqual([`${id}:e2`, `${id}:a`]);
    expect(second.events[0]).toMatchObject({ payload: { stepIndex: 2 }, occurredAt: at(2), causationId: null });
    expect(second.nextCursor).toBeNull();
    expect((await tasks.events(orgId, id, `${id}:e2`, 5)).events.map((e) => e.id)).toEqual([`${id}:a`]);
    const stored = await h.app
      .get(DataSource)
      .query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM run_events WHERE id IN ('other', 'no-run') OR task_id = $1`,
        [id],
      );
    expect(stored).toEqual([{ n: 4 }]);
    await expect(tasks.events('00000000-0000-4000-8000-000000000000', id, null, 2)).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
  });

  it('should list the org tasks newest first, by status, page by page', async () => {
    const [org] = await h.bed.db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('lister') RETURNING id`,
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (await tasks.create(org.id, TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: `g${i}` }), randomUUID())).id,
      );
    }
    await tasks.cancel(org.id, ids[0], 'x', randomUUID());
    const first = await tasks.list(org.id, { status: null, after: null, limit: 2 });
    expect(first.tasks.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    const second = await tasks.list(org.id, { status: null, after: first.nextCursor, limit: 2 });
    expect(second).toMatchObject({ tasks: [{ id: ids[0], status: 'canceled' }], nextCursor: null });
    expect((await tasks.list(org.id, { status: 'canceled', after: null, limit: 10 })).tasks.map((t) => t.id)).toEqual([
      ids[0],
    ]);
    expect((await tasks.list(orgId, { status: null, after: null, limit: 200 })).tasks.map((t) => t.id)).not.toContain(
      ids[0],
    );
  });
});
