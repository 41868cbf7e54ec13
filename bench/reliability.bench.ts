/**
 * Issue 6: what the platform itself costs per step, how fast a run recovers from a killed service, and how many
 * tasks it gets through. The five services run as processes (as in e2e) with a fake LLM that answers at once.
 *
 *   npm run bench -- bench/reliability.bench.ts     (BENCH_RUNS=10 contact runs after BENCH_WARMUP_RUNS=1, BENCH_TASKS=100 at once)
 *
 * Per step, from the run's own events (one clock: every service is on this host):
 *   scrape   = step_started → page_scraped (command hop, the browser's scrape, screenshot/tree/html upload)
 *   plan     = page_scraped → plan_generated (llm-svc with a 0 ms model: tree download, prompt, parse)
 *   execute  = Σ action durationMs as the browser measured it
 *   bus + db = the rest of the step: message hops and the orchestrator's transactions between events
 *   overhead = plan + bus + db: neither browser nor model work (the issue's target: p50 ≤ 150 ms, p95 ≤ 400 ms)
 */
import { contactFormDemo, EventRecorder, waitFor } from '@webbyflow/testing';
import type { Envelope } from '@webbyflow/contracts';
import { heldCall, startCheckoutRun, streamEventsOf } from '../e2e/faults/fault-run';
import { startPlatform, type Platform, type Service } from '../e2e/support/platform';
import { waitForStatus } from '../e2e/support/task-polling';
import { runContactTask } from './contact-run';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** Runs done first and not counted: the services' first queries and code paths after start-up are not steady state. */
const WARMUP_RUNS = Number(process.env.BENCH_WARMUP_RUNS ?? 1);
const TASKS = Number(process.env.BENCH_TASKS ?? 100);
/** Contexts of each browser-svc, as in the e2e load test. */
const CONTEXTS = 8;
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
const at = (e: { occurredAt: string }) => Date.parse(e.occurredAt);
const line = (name: string, values: number[], unit = 'ms') =>
  `${name.padEnd(30)} p50 ${String(Math.round(pct(values, 50))).padStart(6)} ${unit}  p95 ${String(Math.round(pct(values, 95))).padStart(6)} ${unit}  (n=${values.length})`;

/** The split of every step of one run, from its events in stream order. */
function splitSteps(seen: Envelope[]) {
  const of = (subject: string, step: number) =>
    seen.filter((e) => e.subject === subject && (e.payload as { stepIndex?: number }).stepIndex === step);
  const end = seen.find((e) => /task\.(completed|failed|terminated)/.test(e.subject));
  const starts = seen.filter((e) => e.subject === 'webbyflow.evt.task.step_started.v1');
  return starts.flatMap((start, i) => {
    const step = (start.payload as { stepIndex: number }).stepIndex;
    const scraped = of('webbyflow.evt.browser.page_scraped.v1', step)[0];
    const planned = of('webbyflow.evt.llm.plan_generated.v1', step)[0];
    const next = starts[i + 1] ?? end;
    if (!scraped || !planned || !next) return [];
    const execute = of('webbyflow.evt.browser.action_executed.v1', step).reduce(
      (sum, e) => sum + (e.payload as { result: { durationMs: number } }).result.durationMs,
      0,
    );
    const total = at(next) - at(start);
    const scrape = at(scraped) - at(start);
    const plan = at(planned) - at(scraped);
    const busDb = total - scrape - plan - execute;
    return [{ total, scrape, plan, execute, busDb, overhead: plan + busDb }];
  });
}

describe('reliability and overhead', () => {
  let platform: Platform;
  let events: EventRecorder;
  const report: string[] = [''];

  beforeAll(async () => {
    platform = await startPlatform({
      env: { TASK_URL_ALLOWED_HOSTS: '127.0.0.1', LOG_LEVEL: 'info', BROWSER_MAX_CONTEXTS: String(CONTEXTS) },
    });
    events = await EventRecorder.start(platform.nats.url);
  });
  afterAll(async () => {
    process.stdout.write(`${report.join('\n')}\n`);
    await events?.stop();
    await platform?.stop();
  });

  it(
    'splits each step of the contact-form task',
    async () => {
      platform.llm.script(contactFormDemo);
      const steps: Array<ReturnType<typeof splitSteps>[number]> = [];
      for (let i = 0; i < WARMUP_RUNS; i += 1) await runContactTask(platform, events, RUNS + i);
      for (let i = 0; i < RUNS; i += 1) {
        steps.push(...splitSteps(await runContactTask(platform, events, i)));
      }
      const col = (k: keyof (typeof steps)[number]) => steps.map((s) => s[k]);
      report.push(
        `per step, contact form, ${RUNS} runs after ${WARMUP_RUNS} not counted, fake LLM answering at once`,
        line('step total', col('total')),
        line('  scrape (incl. uploads)', col('scrape')),
        line('  plan (llm-svc, 0 ms model)', col('plan')),
        line('  execute (browser actions)', col('execute')),
        line('  bus + database', col('busDb')),
        line('overhead (plan + bus + db)', col('overhead')),
        '',
      );
    },
    (RUNS + WARMUP_RUNS) * 30_000 + 60_000,
  );

  it(
    `measures ${TASKS} tasks submitted at once`,
    async () => {
      platform.llm.script(() =>
        JSON.stringify({ reasoning: 'done', actions: [{ action: 'complete', extracted_data: { ok: true } }] }),
      );
      const ids = await Promise.all(
        Array.from({ length: TASKS }, async (_, i) => {
          const res = await platform.api('/v1/tasks', {
            method: 'POST',
            body: JSON.stringify({ url: `${platform.fixturesUrl}/?n=${i}`, goal: 'Say you are done', max_steps: 2 }),
          });
          return ((await res.json()) as { id: string }).id;
        }),
      );
      await waitFor(
        async () =>
          (
            await platform.sql<{ n: number }>(
              `SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND finished_at IS NOT NULL`,
              [ids],
            )
          )[0].n === TASKS,
        { timeoutMs: TASKS * 4_000 + 100_000, intervalMs: 1000, what: `${TASKS} tasks to end` },
      );
      const [t] = await platform.sql<{ span: number; done: number; p50: number; p95: number }>(
        `SELECT extract(epoch FROM max(finished_at) - min(created_at))::float AS span,
              count(*) FILTER (WHERE status = 'completed')::int AS done,
              extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY started_at - created_at))::float AS p50,
              extract(epoch FROM percentile_cont(0.95) WITHIN GROUP (ORDER BY started_at - created_at))::float AS p95
         FROM tasks WHERE id = ANY($1)`,
        [ids],
      );
      report.push(
        `${TASKS} tasks at once (1 browser-svc × ${CONTEXTS} contexts): ${t.done} completed in ${t.span.toFixed(1)} s, ` +
          `${(TASKS / t.span).toFixed(2)} tasks/s; queue wait p50 ${t.p50.toFixed(1)} s, p95 ${t.p95.toFixed(1)} s`,
      );
    },
    TASKS * 4_000 + 120_000,
  );

  /** Kill (returns when it struck) → the run's next action executed in the browser, on the checkout fixture. */
  const recovery = async (what: string, kill: () => Promise<number>) => {
    const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
    const call = await heldCall(run);
    const killedAt = await kill();
    call.release();
    const task = await waitForStatus(platform, run.task.id, ['completed', 'failed', 'timed_out'], 90_000);
    const seen = await streamEventsOf(platform.nats.url, task.id);
    const back = seen.find((e) => e.subject === 'webbyflow.evt.browser.action_executed.v1' && at(e) > killedAt);
    report.push(
      `${what.padEnd(52)} ${back ? `${((at(back) - killedAt) / 1000).toFixed(1)} s` : 'never'} (run ${task.status})`,
    );
  };
  const restart = (service: Service) => async () => {
    const killedAt = Date.now();
    await platform.kill(service);
    await platform.start(service);
    return killedAt;
  };

  it(
    'times recovery after each kill',
    async () => {
      report.push("recovery: SIGKILL while the model plans the shipping page → the run's next action executed");
      await recovery('llm-svc killed and restarted', restart('llm-svc'));
      await recovery('orchestrator killed and restarted', restart('orchestrator'));
      await recovery('browser-svc killed and restarted', restart('browser-svc'));
      await recovery('browser-svc killed, not back (heartbeat, 2nd instance)', async () => {
        await platform.startReplica('browser-svc', 'browser-svc-2'); // after the run's session opened on the first
        const killedAt = Date.now();
        await platform.kill('browser-svc');
        return killedAt;
      });
      await platform.start('browser-svc');
      report.push('');
    },
    6 * 60_000,
  );
});
