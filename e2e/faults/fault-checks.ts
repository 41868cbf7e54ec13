import type { Envelope } from '@webbyflow/contracts';
import type { FaultOutcome } from './fault-run';

const TERMINAL_EVENTS = ['completed', 'failed', 'terminated', 'timed_out', 'canceled'].map(
  (s) => `webbyflow.evt.task.${s}.v1`,
);

const stepOf = (e: Envelope) => (e.payload as { stepIndex?: number | null }).stepIndex ?? null;
const actionOf = (e: Envelope) => (e.payload as { actionIndex?: number }).actionIndex;
const countBy = <T>(items: T[]) => {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * What must hold after any fault, whatever the status: the run ended, no run is left behind, and its
 * record on the stream has each event once, steps 0..n-1 without a gap, and at most one "Place order".
 */
export function expectConsistentRecord(outcome: FaultOutcome): void {
  const { task, events } = outcome;
  expect(outcome.nonTerminal).toEqual([]);
  expect(outcome.submissions).toBeLessThanOrEqual(1);

  // Each envelope id once on the stream: redeliveries and re-publishing were deduplicated.
  const duplicates = [...countBy(events.map((e) => e.id))].filter(([, n]) => n > 1).map(([id]) => id);
  expect(duplicates).toEqual([]);

  // One terminal event, matching the status.
  const endings = events.filter((e) => TERMINAL_EVENTS.includes(e.subject)).map((e) => e.subject);
  expect(endings).toEqual([`webbyflow.evt.task.${task.status}.v1`]);

  // Steps 0..n-1, each started once, n = the run's step count; nothing refers to a step that never started.
  const started = events.filter((e) => e.subject === 'webbyflow.evt.task.step_started.v1').map(stepOf);
  expect(started).toEqual(range(task.step_count));
  const outside = events.filter((e) => {
    const step = stepOf(e);
    return step !== null && (step < 0 || step >= task.step_count);
  });
  expect(outside.map((e) => `${e.subject}@${stepOf(e)}`)).toEqual([]);

  // Per step: at most one scrape and one plan, actions 0..k-1 once each. Every step has both, except the last and
  // a step that a recovery closed (a lost heartbeat while the model planned ends the step before its plan).
  const recovered = new Set(
    events.filter((e) => e.subject === 'webbyflow.evt.orchestrator.recovery_attempted.v1').map(stepOf),
  );
  for (const step of range(task.step_count)) {
    const of = (subject: string) => events.filter((e) => e.subject === subject && stepOf(e) === step);
    const scraped = of('webbyflow.evt.browser.page_scraped.v1').length;
    const planned = of('webbyflow.evt.llm.plan_generated.v1').length;
    const partial = step === task.step_count - 1 || recovered.has(step);
    expect({ step, scraped, planned }).toEqual({
      step,
      scraped: partial ? Math.min(scraped, 1) : 1,
      planned: partial ? Math.min(planned, 1) : 1,
    });
    const actions = of('webbyflow.evt.browser.action_executed.v1').map(actionOf);
    expect({ step, actions }).toEqual({ step, actions: range(actions.length) });
  }
}

/** The outcome once recovery exists: the run completed with the order placed exactly once. */
export function expectRecovered(outcome: FaultOutcome): void {
  expect({ status: outcome.task.status, reason: outcome.task.failure_reason }).toEqual({
    status: 'completed',
    reason: null,
  });
  expect(outcome.task.output).toEqual({ order_number: outcome.orderNumber });
  expect(outcome.submissions).toBe(1);
}
