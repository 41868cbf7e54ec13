import { waitFor } from '@webbyflow/testing';
import type { Platform } from './platform';

export interface TaskBody {
  id: string;
  status: string;
  output: unknown;
  failure_reason: string | null;
  step_count: number;
  artifacts: Array<{ id: string; kind: string; content_type: string; size_bytes: number; url: string }>;
}

const TERMINAL = ['completed', 'failed', 'terminated', 'timed_out', 'canceled'];

export async function createTask(platform: Platform, body: Record<string, unknown>): Promise<TaskBody> {
  const response = await platform.api('/v1/tasks', { method: 'POST', body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`create task: ${response.status} ${await response.text()}`);
  return (await response.json()) as TaskBody;
}

export async function getTask(platform: Platform, id: string): Promise<TaskBody> {
  return (await (await platform.api(`/v1/tasks/${id}`)).json()) as TaskBody;
}

export async function waitForStatus(
  platform: Platform,
  id: string,
  statuses = TERMINAL,
  timeoutMs = 90_000,
): Promise<TaskBody> {
  return waitFor(
    async () => {
      const task = await getTask(platform, id);
      return statuses.includes(task.status) ? task : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `task ${id} to reach ${statuses.join('|')}` },
  );
}
