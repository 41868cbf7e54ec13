import { randomUUID } from 'node:crypto';
import type { Envelope } from '@webbyflow/contracts';
import {
  CHECKOUT_SCHEMA,
  checkoutDemo,
  checkoutPageOf,
  checkoutPath,
  expectedCheckoutOrderNumber,
  ModelGate,
  waitFor,
  type CheckoutPage,
  type CheckoutPlaceMode,
  type HeldCall,
} from '@webbyflow/testing';
import { readEventStream } from '../support/event-stream';
import type { Platform, Service } from '../support/platform';
import { createTask, waitForStatus, type TaskBody } from '../support/task-polling';

/** Short enough that a run nobody recovers ends `timed_out` inside a scenario's minute. */
export const FAULT_TASK_TIMEOUT_S = 40;
const TERMINAL = ['completed', 'failed', 'terminated', 'timed_out', 'canceled'];

/** One checkout run on the fixture site, the model held where the test wants to break something. */
export interface CheckoutRun {
  key: string;
  task: TaskBody;
  createdAt: number;
  gate: ModelGate;
  /** The call held by `holdAt`, if any. */
  held?: HeldCall;
}

export interface CheckoutRunOptions {
  /** Holds the model call that plans this page (once), from before the run starts. */
  holdAt?: CheckoutPage;
  /** The fixture keeps the "Place order" response back this long after counting it. */
  placeDelayMs?: number;
  /** `fetch`: the final submit posts in the page (the button stays) instead of navigating away. */
  placeMode?: CheckoutPlaceMode;
  /** The run's deadline; default FAULT_TASK_TIMEOUT_S. */
  timeoutSeconds?: number;
}

export async function startCheckoutRun(platform: Platform, options: CheckoutRunOptions = {}): Promise<CheckoutRun> {
  const gate = new ModelGate();
  const held = options.holdAt && gate.hold((request) => checkoutPageOf(request) === options.holdAt);
  platform.llm.script(gate.wrap(checkoutDemo));
  const key = randomUUID();
  const createdAt = Date.now();
  const task = await createTask(platform, {
    url: `${platform.fixturesUrl}${checkoutPath(key, options)}`,
    goal: 'Buy the mug in my cart, shipping to my address, and tell me the order number',
    payload: { name: 'Fault Test', street: '2 Crash Lane', city: 'Springfield' },
    extraction_schema: CHECKOUT_SCHEMA,
    max_steps: 8,
    timeout_seconds: options.timeoutSeconds ?? FAULT_TASK_TIMEOUT_S,
    // Every scenario must plan with the model (one is killed mid-call): no replay of the baseline's plan.
    plan_cache: 'off',
  });
  return { key, task, createdAt, gate, held };
}

/** Waits until the held model call is in flight (llm-svc is waiting for the answer). */
export async function heldCall(run: CheckoutRun, timeoutMs = 30_000): Promise<HeldCall> {
  const call = run.held;
  if (!call) throw new Error('startCheckoutRun was not given holdAt');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the held model call did not come within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([call.reached, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return call;
}

/** Everything a fault scenario asserts on, gathered once the run has ended. */
export interface FaultOutcome {
  task: TaskBody;
  elapsedMs: number;
  /** The run's events as the stream holds them, in stream order. */
  events: Envelope[];
  /** Runs of this platform's database that are not terminal. */
  nonTerminal: Array<{ id: string; status: string }>;
  /** POSTs of the final "Place order" the fixture server counted for this run. */
  submissions: number;
  orderNumber: string;
  /** Model calls the run made (a redelivered plan_step calls the model again). */
  modelCalls: number;
  /** Warnings and errors the services logged during the run, for the record. */
  logLines: string[];
}

export async function finishRun(platform: Platform, run: CheckoutRun, timeoutMs = 60_000): Promise<FaultOutcome> {
  const task = await waitForStatus(platform, run.task.id, TERMINAL, timeoutMs);
  const elapsedMs = Date.now() - run.createdAt;
  const nonTerminal = await platform.sql<{ id: string; status: string }>(
    `SELECT id, status FROM tasks WHERE status <> ALL($1::text[])`,
    [TERMINAL],
  );
  const submissions = await checkoutSubmissions(platform, run.key);
  // The terminal event is published with the status change; give a redelivered copy a moment to show.
  const events = await streamEventsOf(platform.nats.url, task.id, 1000);
  const outcome = {
    task,
    elapsedMs,
    events,
    nonTerminal,
    submissions,
    orderNumber: expectedCheckoutOrderNumber(run.key),
    modelCalls: run.gate.calls,
    logLines: notableLogLines(platform, run.createdAt),
  };
  console.log(describeOutcome(outcome));
  return outcome;
}

/** Waits until the fixture has counted the run's "Place order" (its response may still be held back). */
export async function orderPlaced(platform: Platform, run: CheckoutRun): Promise<void> {
  await waitFor(async () => (await checkoutSubmissions(platform, run.key)) > 0, {
    timeoutMs: 30_000,
    what: 'the order to be placed',
  });
}

export async function checkoutSubmissions(platform: Platform, key: string): Promise<number> {
  const res = await fetch(`${platform.fixturesUrl}/checkout/submissions?order=${encodeURIComponent(key)}`);
  return ((await res.json()) as { submissions: number }).submissions;
}

/** The run's events as the stream holds them, read afresh after `settleMs`. */
export async function streamEventsOf(natsUrl: string, taskId: string, settleMs = 0): Promise<Envelope[]> {
  if (settleMs > 0) await sleep(settleMs);
  return (await readEventStream(natsUrl)).filter((e) => e.correlationId === taskId);
}

const SERVICES: Service[] = ['gateway', 'orchestrator', 'browser-svc', 'llm-svc', 'artifact-svc'];

/** Lines at warn level or above that services logged since `sinceMs`, shortened. */
export function notableLogLines(platform: Platform, sinceMs: number, max = 12): string[] {
  const lines: string[] = [];
  for (const service of SERVICES) {
    for (const line of platform.logs(service).split('\n')) {
      let entry: { level?: number; time?: number; msg?: string; context?: string } | undefined;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        entry = undefined;
      }
      if (!entry || (entry.level ?? 0) < 40 || (entry.time ?? 0) < sinceMs) continue;
      lines.push(`${service}: ${entry.context ? `[${entry.context}] ` : ''}${entry.msg ?? ''}`.slice(0, 240));
    }
  }
  return lines.slice(0, max);
}

/** `s2:a0 click failed: ELEMENT_NOT_FOUND …` for every action that did not succeed. */
function failedActions(events: Envelope[]): string[] {
  return events
    .filter((e) => e.subject === 'webbyflow.evt.browser.action_executed.v1')
    .map((e) => e.payload as { stepIndex: number; actionIndex: number; actionType: string; result: ActionResult })
    .filter((p) => !p.result.success)
    .map((p) => {
      const error = p.result.error;
      return `s${p.stepIndex}:a${p.actionIndex} ${p.actionType} failed: ${error?.code ?? '?'} ${error?.message ?? ''}`;
    });
}

interface ActionResult {
  success: boolean;
  error?: { code: string; message: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeOutcome(o: FaultOutcome): string {
  const counts = new Map<string, number>();
  for (const e of o.events) {
    const name = e.subject.replace(/^webbyflow\.evt\./, '').replace(/\.v1$/, '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [
    `[fault] ${expect.getState().currentTestName ?? ''}`,
    `  status=${o.task.status} steps=${o.task.step_count} elapsed=${(o.elapsedMs / 1000).toFixed(1)}s submissions=${o.submissions} model calls=${o.modelCalls}`,
    `  failure_reason=${o.task.failure_reason ?? '-'}`,
    `  non-terminal runs=${o.nonTerminal.length}; events=${[...counts].map(([k, v]) => `${k}×${v}`).join(' ')}`,
    ...failedActions(o.events).map((a) => `  action ${a}`),
    ...o.logLines.map((l) => `  log ${l}`),
  ].join('\n');
}
