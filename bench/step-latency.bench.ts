/**
 * How long does one agent step take through the whole platform, and how many tokens does it send?
 * The five services run as processes (as in e2e) with a fake LLM that answers instantly, so the
 * numbers are the platform's own overhead: scrape + artifact upload + planning round trip + actions.
 *
 *   npm run bench -- bench/step-latency.bench.ts        (BENCH_RUNS=20 by default)
 */
import { contactFormDemo, EventRecorder } from '@webbyflow/testing';
import { startPlatform, type Platform } from '../e2e/support/platform';
import { runContactTask } from './contact-run';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

describe('step latency', () => {
  let platform: Platform;
  let events: EventRecorder;

  beforeAll(async () => {
    platform = await startPlatform();
    events = await EventRecorder.start(platform.nats.url);
    platform.llm.script(contactFormDemo);
  });
  afterAll(async () => {
    await events?.stop();
    await platform?.stop();
  });

  it('measures the contact-form task end to end', async () => {
    const runMs: number[] = [];
    const stepMs: number[] = [];
    const tokensPerStep: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const seen = await runContactTask(platform, events, i);
      const taskId = seen[0].correlationId;
      const at = (e: { occurredAt: string }) => Date.parse(e.occurredAt);
      runMs.push(at(seen.at(-1)!) - at(seen[0]));
      const stepStarts = seen.filter((e) => e.subject === 'webbyflow.evt.task.step_started.v1').map(at);
      stepStarts.push(at(seen.find((e) => e.subject === 'webbyflow.evt.task.completed.v1')!));
      for (let s = 1; s < stepStarts.length; s += 1) stepMs.push(stepStarts[s] - stepStarts[s - 1]);
      const steps = (await (await platform.api(`/v1/tasks/${taskId}/steps`)).json()) as {
        steps: Array<{ input_tokens: number; output_tokens: number }>;
      };
      for (const step of steps.steps) tokensPerStep.push(step.input_tokens + step.output_tokens);
    }
    const line = (name: string, values: number[], unit: string) =>
      `${name.padEnd(26)} p50 ${String(pct(values, 50)).padStart(6)} ${unit}  p95 ${String(pct(values, 95)).padStart(6)} ${unit}  (n=${values.length})`;
    process.stdout.write(
      [
        '',
        `step latency, contact form, ${RUNS} runs, fake LLM answering instantly`,
        line('run (created → completed)', runMs, 'ms'),
        line('step (scrape → plan → act)', stepMs, 'ms'),
        line('tokens per step (in+out)', tokensPerStep, 'tok'),
        'reproduce: npm run bench -- bench/step-latency.bench.ts',
        '',
      ].join('\n'),
    );
    expect(runMs).toHaveLength(RUNS);
  });
});
