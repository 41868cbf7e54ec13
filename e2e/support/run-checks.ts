import type { Envelope, EventSubject } from '@webbyflow/contracts';
import type { EventRecorder } from '@webbyflow/testing';
import type { Platform } from './platform';
import { getTask } from './task-polling';

const LIFECYCLE = [
  'webbyflow.evt.task.created.v1',
  'webbyflow.evt.task.queued.v1',
  'webbyflow.evt.browser.session_opened.v1',
  'webbyflow.evt.task.started.v1',
  'webbyflow.evt.task.step_started.v1',
  'webbyflow.evt.browser.page_scraped.v1',
  'webbyflow.evt.llm.plan_generated.v1',
];

/**
 * What every run must show on NATS and in the artifact store: the lifecycle events in order, all
 * correlated to the run, unique ids, the terminal event caused by an event of the run (or the API), and the
 * step's screenshot, element tree and HTML downloadable through the gateway.
 */
export async function expectRunRecord(
  platform: Platform,
  events: EventRecorder,
  taskId: string,
  terminal: EventSubject,
): Promise<Envelope[]> {
  const seen = await events.waitForTask(taskId, terminal);
  const at = (subject: string) => seen.findIndex((e) => e.subject === subject);
  const positions = LIFECYCLE.map(at);
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(at(terminal)).toBeGreaterThan(at('webbyflow.evt.llm.plan_generated.v1'));
  for (const event of seen) expect(event.correlationId).toBe(taskId);
  expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  // A cancel is caused by the API request; every other ending by an event of the run.
  if (terminal !== 'webbyflow.evt.task.canceled.v1')
    expect(seen.map((e) => e.id)).toContain(seen[at(terminal)].causationId);

  const task = await getTask(platform, taskId);
  for (const kind of ['screenshot', 'element_tree', 'html']) {
    const artifact = task.artifacts.find((a) => a.kind === kind);
    expect(artifact).toBeDefined();
    const response = await platform.api(new URL(artifact!.url).pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(artifact!.content_type);
    expect((await response.arrayBuffer()).byteLength).toBe(artifact!.size_bytes);
  }
  return seen;
}
