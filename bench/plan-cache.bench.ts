/**
 * What does the action-plan cache save? The same task twice per round: first planned by the model (the fake LLM
 * answering after BENCH_LLM_DELAY_MS, 1.5 s by default, like a hosted model), then — another person's data, same
 * URL pattern, goal and payload keys — replayed from the cache. Reports model calls, tokens and wall time
 * (created → finished, from the task's own timestamps) of both, and the speed-up.
 *
 *   npm run bench -- bench/plan-cache.bench.ts        (BENCH_ROUNDS=5, BENCH_LLM_DELAY_MS=1500)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { contactFormDemo, expectedConfirmationNumber } from '@webbyflow/testing';
import { startPlatform, type Platform } from '../e2e/support/platform';
import { createTask, waitForStatus } from '../e2e/support/task-polling';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
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
interface Sample {
  ms: number;
  /** Summed over steps: page scraped → plan generated (where the model's time, or the replay's, goes). */
  planMs: number;
  calls: number;
  tokens: number;
  steps: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('action-plan cache: model-planned run vs replay', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
    platform.llm.script(async (request) => {
      await sleep(DELAY_MS);
      return contactFormDemo(request);
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const planningMs = async (taskId: string): Promise<number> => {
    const { events } = (await (await platform.api(`/v1/tasks/${taskId}/events?limit=500`)).json()) as {
      events: Array<{ subject: string; occurred_at: string }>;
    };
    const at = (suffix: string) =>
      events.filter((e) => e.subject.endsWith(suffix)).map((e) => Date.parse(e.occurred_at));
    const scraped = at('.page_scraped.v1');
    return at('.plan_generated.v1').reduce((sum, planned, i) => sum + planned - (scraped[i] ?? planned), 0);
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
      planMs: await planningMs(created.id),
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
    const row = (name: string, samples: Sample[]) =>
      `${name.padEnd(22)} ${String(median(samples.map((s) => s.steps))).padStart(5)} ` +
      `${String(median(samples.map((s) => s.calls))).padStart(11)} ${String(median(samples.map((s) => s.tokens))).padStart(8)} ` +
      `${String(median(samples.map((s) => s.planMs))).padStart(13)} ${String(median(samples.map((s) => s.ms))).padStart(12)} ${String(Math.min(...samples.map((s) => s.ms))).padStart(7)} ${String(Math.max(...samples.map((s) => s.ms))).padStart(7)}`;
    const speedUp = median(cold.map((s) => s.ms)) / median(warm.map((s) => s.ms));
    const planSpeedUp = median(cold.map((s) => s.planMs)) / Math.max(1, median(warm.map((s) => s.planMs)));
    process.stdout.write(
      [
        '',
        `action-plan cache, contact form with extraction, ${ROUNDS} rounds, fake LLM answering after ${DELAY_MS} ms, completion check on`,
        `${'run'.padEnd(22)} steps model calls   tokens  planning ms  wall p50 ms  min ms  max ms`,
        row('planned by the model', cold),
        row('replayed from cache', warm),
        `speed-up, wall p50: ${speedUp.toFixed(1)}x; planning p50: ${planSpeedUp.toFixed(0)}x; ` +
          `model calls on replay: ${warm.reduce((n, s) => n + s.calls, 0)}`,
        'reproduce: npm run bench -- bench/plan-cache.bench.ts',
        '',
      ].join('\n'),
    );
    expect(warm.every((s) => s.calls === 0 && s.tokens === 0)).toBe(true);
  });
});
