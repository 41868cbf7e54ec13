import type { TaskEntity } from '@webbyflow/persistence';

/**
 * The event id of a run's final result: the id of its `task.<status>` event on the stream (see
 * RunPublisher), so a receiver can match a webhook with GET /v1/tasks/:id/events and dedupe retries.
 */
export const webhookEventId = (task: TaskEntity): string => `${task.id}:${task.status}`;

/** The JSON body of a run's final result. */
export function webhookPayload(task: TaskEntity): Record<string, unknown> {
  return {
    event_id: webhookEventId(task),
    event: `task.${task.status}`,
    task_id: task.id,
    status: task.status,
    output: task.output ?? null,
    failure_reason: task.failureReason,
    step_count: task.stepCount,
    finished_at: task.finishedAt?.toISOString() ?? null,
  };
}
