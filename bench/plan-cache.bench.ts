/**
 * What does the action-plan cache save? The same task twice per round: first planned by the model (the fake LLM
 * answering after BENCH_LLM_DELAY_MS, 1.5 s by default, like a hosted model), then — another person's data, same
 * URL pattern, goal and payload keys — replayed from the cache. Reports model calls, tokens and wall time
 * (created → finished, from the task's own timestamps) of both, and the speed-up.
 *
 *   npm run bench -- bench/plan-cache.bench.ts        (BENCH_ROUNDS=10, BENCH_LLM_DELAY_MS=1500)
 *
 * The replay's p50 moves by ±40 ms between runs on a 2-core machine: 10 rounds by default, 20 for a number to quote.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { contactFormDemo, expectedConfirmationNumber } from '@webbyflow/testing';
import { startPlatform, type Platform } from '../e2e/support/platform';
import { createTask, waitForStatus } from '../e2e/support/task-polling';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DELAY_MS = Number(process.env.BENCH_LLM_DELAY_MS ?? 1500);
const SCHEMA = { type: 'object', properties: { confirmation_number: { type: 'string' } } };

interface Finished {
  status: string;
  failure_reason: string | null;
  output: { confirmation_number?: string } | null;
  created_at: string;
  finished_at: string;
  step_count: number;
  usage: { llm_calls: number; input_tokens: number; output_tokens: number };
  plan_cache: { outcome: string | null; steps_replayed: number };
}
/** Where a run's time went, from its events (summed over steps). */
interface Phases {
  /** created → started: admission and opening the browser session. */
  start: number;
  /** step started → page scraped. */
  scrape: number;
  /** page scraped → plan generated: the model's time, or the replay's. */
  plan: number;
  /** plan generated → next step or the end: the browser actions (and the completion check, if any). */
  act: number;
}
interface Sample extends Phases {
  ms: number;
  calls: number;
  tokens: number;
  steps: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('action-plan cache: model-planned run vs replay', () => {
  let platform: Platform;

  beforeAll(async () => {
    // The completion check is on, as in production: a model-planned completion costs one more call.
    platform = await startPlatform({ env: { ORCHESTRATOR_COMPLETION_CHECK: 'true' } });
    platform.llm.script(async (request) => {
      await sleep(DELAY_MS);
      return contactFormDemo(request);
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const phasesOf = async (taskId: string): Promise<Phases> => {
    const { events } = (await (await platform.api(`/v1/tasks/${taskId}/events?limit=500`)).json()) as {
      events: Array<{ subject: string; occurred_at: string }>;
    };
    const at = (suffix: string) =>
      events.filter((e) => e.subject.endsWith(suffix)).map((e) => Date.parse(e.occurred_at));
    const [created = 0] = at('.task.created.v1');
    const [started = created] = at('.task.started.v1');
    const [ended = started] = at('.task.completed.v1');
    const steps = at('.step_started.v1');
    const scraped = at('.page_scraped.v1');
    const planned = at('.plan_generated.v1');
    const sum = (from: number[], to: (i: number) => number | undefined) =>
      from.reduce((total, t, i) => total + (to(i) ?? t) - t, 0);
    return {
      start: started - created,
      scrape: sum(steps, (i) => scraped[i]),
      plan: sum(scraped, (i) => planned[i]),
      act: sum(planned, (i) => steps[i + 1] ?? ended),
    };
  };

  /** One run of round `round`'s task for `who`; fails the benchmark unless it completes with the right number. */
  const runOnce = async (round: number, who: string, expected: Finished['plan_cache']['outcome']): Promise<Sample> => {
    const email = `${who.split(' ')[0].toLowerCase()}.${round}@example.com`;
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      // a goal of its own per round, so the first run of each round finds nothing cached
      goal: `Send the contact form and tell me the confirmation number (round ${round})`,
      payload: { name: who, email, topic: 'support', message: 'Timing the cache' },
      extraction_schema: SCHEMA,
      planner: 'llm',
      max_steps: 5,
    });
    const task = (await waitForStatus(platform, created.id, undefined, 120_000)) as unknown as Finished;
    expect(`${task.status} ${task.failure_reason ?? ''}`.trim()).toBe('completed');
    expect(task.output?.confirmation_number).toBe(expectedConfirmationNumber(email));
    expect(task.plan_cache.outcome).toBe(expected);
    return {
      ms: Date.parse(task.finished_at) - Date.parse(task.created_at),
      ...(await phasesOf(created.id)),
      calls: task.usage.llm_calls,
      tokens: task.usage.input_tokens + task.usage.output_tokens,
      steps: task.step_count,
    };
  };

  it('replays with zero model calls, and reports how much faster', async () => {
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      cold.push(await runOnce(round, 'Ada Lovelace', 'none'));
      warm.push(await runOnce(round, 'Grace Hopper', 'hit'));
    }
    const p50 = (samples: Sample[], pick: (s: Sample) => number) => median(samples.map(pick));
    const row = (name: string, samples: Sample[]) =>
      [
        name.padEnd(22),
        ...[(s: Sample) => s.steps, (s: Sample) => s.calls, (s: Sample) => s.tokens].map((pick) =>
          String(p50(samples, pick)).padStart(6),
        ),
        ...[(s: Sample) => s.start, (s: Sample) => s.scrape, (s: Sample) => s.plan, (s: Sample) => s.act].map((pick) =>
          String(p50(samples, pick)).padStart(7),
        ),
        String(p50(samples, (s) => s.ms)).padStart(8),
        `${Math.min(...samples.map((s) => s.ms))}–${Math.max(...samples.map((s) => s.ms))}`.padStart(12),
      ].join(' ');
    const ratio = (pick: (s: Sample) => number) => p50(cold, pick) / Math.max(1, p50(warm, pick));
    process.stdout.write(
      [
        '',
        `action-plan cache, contact form with extraction, ${ROUNDS} rounds, fake LLM answering after ${DELAY_MS} ms, completion check on`,
        'p50 of each column; times in ms; start = created → started, then summed over steps: scrape, plan, act',
        `${'run'.padEnd(22)}  steps  calls tokens   start  scrape    plan     act     wall   wall range`,
        row('planned by the model', cold),
        row('replayed from cache', warm),
        `speed-up: wall ${ratio((s) => s.ms).toFixed(1)}x, planning ${ratio((s) => s.plan).toFixed(0)}x; ` +
          `model calls on replay: ${warm.reduce((n, s) => n + s.calls, 0)}`,
        'reproduce: npm run bench -- bench/plan-cache.bench.ts',
        '',
      ].join('\n'),
    );
    expect(warm.every((s) => s.calls === 0 && s.tokens === 0)).toBe(true);
  });
});
