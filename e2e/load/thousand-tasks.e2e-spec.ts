import { waitFor } from '@webbyflow/testing';
import { startPlatform, type Platform } from '../support/platform';
import { loadReport } from './load-report';
import { readEventStream } from '../support/event-stream';
import { phaseReport } from './phase-report';
import { endingsOfTasks } from './stream-endings';

/**
 * The full load, 1,000 tasks, also in CI: ~7.5 min on 2 shared cores with the headless shell (2.2–2.7
 * tasks/s, BENCHMARKS.md "1,000 tasks at once"). LOAD_TASKS=100 is a one-minute run for a quick look.
 */
const TASKS = Number(process.env.LOAD_TASKS ?? 1000);
/** Contexts of the one browser-svc: the platform's throughput limit on this machine. */
const CONTEXTS = process.env.LOAD_BROWSER_CONTEXTS ?? '8';
/** Each task's deadline, counted from when admission starts it (queue time does not count). */
const TASK_TIMEOUT_S = Number(process.env.LOAD_TASK_TIMEOUT_S ?? 240);
/** How long the whole load may take: ~1 task/s with the full Chromium under load, ~2 with the headless shell. */
const WAIT_S = TASK_TIMEOUT_S + Math.ceil(TASKS * 1.5);
const TERMINAL = ['completed', 'failed', 'terminated', 'timed_out', 'canceled'];
const COMPLETE = JSON.stringify({
  reasoning: 'Nothing to do on this page.',
  actions: [{ action: 'complete', extracted_data: { ok: true } }],
});

/**
 * Issue 6 load test: TASKS tasks submitted at once through the gateway (the fake model answers `complete`
 * at once, the fixture home page); every task reaches a terminal status and none is lost or created behind
 * a failed response. Prints the count per status, throughput and the queue wait (created → started).
 */
describe('load: many tasks submitted at once', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({
      ownPostgres: true,
      env: {
        TASK_URL_ALLOWED_HOSTS: '127.0.0.1',
        BROWSER_MAX_CONTEXTS: CONTEXTS,
        LOG_LEVEL: 'info',
        // `--require ./tools/cpu-profile.cjs` (with PROF_MS, PROF_DIR) profiles the services under load.
        ...(process.env.LOAD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.LOAD_NODE_OPTIONS } : {}),
        ...(process.env.PROF_MS ? { PROF_MS: process.env.PROF_MS } : {}),
        ...(process.env.PROF_DIR ? { PROF_DIR: process.env.PROF_DIR } : {}),
      },
    });
    platform.llm.script(() => COMPLETE);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it(
    `should bring all ${TASKS} tasks to a terminal status and lose none`,
    async () => {
      const submittedAt = Date.now();
      // Every client does what the API asks of one: a 429 or 503 is tried again after its Retry-After, with the
      // same Idempotency-Key, so a create that did land behind the error answer is returned, not made twice.
      const responses = await Promise.all(
        Array.from({ length: TASKS }, (_, i) =>
          submitWithRetries(platform, `load-${i}`, {
            url: `${platform.fixturesUrl}/?n=${i}`,
            goal: 'Say you are done',
            max_steps: 2,
            timeout_seconds: TASK_TIMEOUT_S,
          }),
        ),
      );
      const ids = new Set(responses.flatMap((r) => (r.status === 201 && r.body.id ? [r.body.id] : [])));
      const rejected = responses.filter((r) => r.status !== 201);
      const retried = responses.flatMap((r) => r.refusals);
      const submitS = (Date.now() - submittedAt) / 1000;

      let lastReport = Date.now();
      const byStatus = await waitFor(
        async () => {
          const counts = await countByStatus(platform);
          if (Date.now() - lastReport > 20_000) {
            lastReport = Date.now();
            console.log(`[load] after ${((Date.now() - submittedAt) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
          }
          return Object.keys(counts).every((status) => TERMINAL.includes(status)) ? counts : undefined;
        },
        { timeoutMs: (WAIT_S + 30) * 1000, intervalMs: 1000, what: `${TASKS} tasks to end` },
      );
      const inDatabase = Object.values(byStatus).reduce((a, b) => a + b, 0);
      const events = await readEventStream(platform.nats.url, 60_000);
      const endings = endingsOfTasks(events, ids);
      const header = [
        `[load] ${TASKS} tasks at once, 1 browser-svc × ${CONTEXTS} contexts, deadline ${TASK_TIMEOUT_S} s`,
        `  submitted in ${submitS.toFixed(1)} s: ${ids.size} × 201, ${rejected.length} refused` +
          (rejected.length ? ` (${rejected[0].status} ${rejected[0].body.error?.message ?? ''})` : '') +
          `; ${retried.length} answers were 429/503 and tried again (${summarize(retried)})`,
        `  tasks in the database: ${inDatabase} (${inDatabase - ids.size} created behind a refused request)`,
        `  by status: ${JSON.stringify(byStatus)}`,
      ];
      console.log(
        [...header, ...(await loadReport(platform)), ...(await phaseReport(platform, events, ids))].join('\n'),
      );

      expect(rejected.map((r) => r.status)).toEqual([]);
      expect(inDatabase).toBe(ids.size); // nothing created behind an error answer
      // None lost: every accepted task ended with exactly one terminal event on the stream.
      expect(endings.missing).toEqual([]);
      expect(endings.duplicated).toEqual([]);
      // Admission keeps the browser from being over-asked: the fake model completes every task.
      expect(byStatus).toEqual({ completed: ids.size });
    },
    (WAIT_S + 90) * 1000,
  );
});

interface Submitted {
  status: number;
  body: { id?: string; error?: { message: string } };
  /** Statuses of the answers that were tried again. */
  refusals: number[];
}

/** POST /v1/tasks with an Idempotency-Key, tried again after each 429/503's Retry-After, up to 10 times. */
async function submitWithRetries(platform: Platform, key: string, spec: object): Promise<Submitted> {
  const refusals: number[] = [];
  for (;;) {
    const res = await platform.api('/v1/tasks', {
      method: 'POST',
      headers: { 'idempotency-key': key },
      body: JSON.stringify(spec),
    });
    const body = (await res.json()) as Submitted['body'];
    if ((res.status !== 429 && res.status !== 503) || refusals.length >= 10)
      return { status: res.status, body, refusals };
    refusals.push(res.status);
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
}

function summarize(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} × ${status}`).join(', ') || 'none';
}

async function countByStatus(platform: Platform): Promise<Record<string, number>> {
  const rows = await platform.sql<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM tasks GROUP BY status ORDER BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
