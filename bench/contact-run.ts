import type { Envelope } from '@webbyflow/contracts';
import type { EventRecorder } from '@webbyflow/testing';
import type { Platform } from '../e2e/support/platform';
import { createTask, waitForStatus } from '../e2e/support/task-polling';

/**
 * One contact-form run to completion (the fake LLM scripted with contactFormDemo); its events in order.
 * The action-plan cache is off: these benchmarks measure the planning path, which a replay would skip.
 */
export async function runContactTask(platform: Platform, events: EventRecorder, i: number): Promise<Envelope[]> {
  const created = await createTask(platform, {
    url: `${platform.fixturesUrl}/contact`,
    goal: 'Send the contact form and tell me the confirmation number',
    payload: { name: 'Bench Mark', email: `bench${i}@example.com`, message: 'timing' },
    plan_cache: 'off',
  });
  const task = await waitForStatus(platform, created.id);
  if (task.status !== 'completed') throw new Error(`run ${i} ended ${task.status}: ${task.failure_reason}`);
  return events.waitForTask(task.id, 'webbyflow.evt.task.completed.v1');
}
