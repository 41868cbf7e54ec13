import { TaskStatusV1 } from '@webbyflow/contracts';
import { TaskException, TaskExceptionCode } from './task.exception';

export type TaskStatus = TaskStatusV1;

/** Every status, in lifecycle order; also the values of the `tasks.status` CHECK constraint. */
export const TASK_STATUSES: readonly TaskStatus[] = TaskStatusV1.options;

/**
 * The task lifecycle (ARCHITECTURE.md §4), and the only place that says which status may follow which.
 * A run that never started can still be canceled, fail (e.g. no browser) or time out.
 */
export const TASK_STATUS_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  created: ['queued', 'canceled', 'failed', 'timed_out'],
  queued: ['running', 'canceled', 'failed', 'timed_out'],
  running: ['completed', 'failed', 'terminated', 'timed_out', 'canceled'],
  completed: [],
  failed: [],
  terminated: [],
  timed_out: [],
  canceled: [],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_STATUS_TRANSITIONS[from].includes(to);
}

/** True for statuses with no way out. */
export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return TASK_STATUS_TRANSITIONS[status].length === 0;
}

/** Throws `TaskException(INVALID_TRANSITION)` unless the lifecycle allows `from → to`. */
export function assertTransition(from: TaskStatus, to: TaskStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TASK_STATUS_TRANSITIONS[from];
  const hint = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : `${from} is terminal`;
  throw new TaskException(TaskExceptionCode.INVALID_TRANSITION, `Task cannot go from ${from} to ${to} (${hint})`);
}
