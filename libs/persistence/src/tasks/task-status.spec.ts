import { TERMINAL_TASK_STATUSES } from '@webbyflow/contracts';
import { TaskException, TaskExceptionCode } from './task.exception';
import { TASK_STATUSES, TaskStatus, assertTransition, canTransition, isTerminalTaskStatus } from './task-status';

const allowed: Array<[TaskStatus, TaskStatus]> = [
  ['created', 'queued'],
  ['created', 'canceled'],
  ['created', 'failed'],
  ['created', 'timed_out'],
  ['queued', 'running'],
  ['queued', 'canceled'],
  ['queued', 'failed'],
  ['queued', 'timed_out'],
  ['running', 'completed'],
  ['running', 'failed'],
  ['running', 'terminated'],
  ['running', 'timed_out'],
  ['running', 'canceled'],
];

describe('assertTransition', () => {
  it.each(allowed)('should allow %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
    expect(canTransition(from, to)).toBe(true);
  });

  const forbidden = TASK_STATUSES.flatMap((from) =>
    TASK_STATUSES.filter((to) => !allowed.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const),
  );

  it.each(forbidden)('should throw INVALID_TRANSITION for %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TaskException);
    expect((thrown as TaskException).code).toBe(TaskExceptionCode.INVALID_TRANSITION);
    expect((thrown as TaskException).toErrorInfo()).toMatchObject({ code: 'INVALID_TRANSITION', terminal: true });
  });

  it('should skip steps only toward a terminal status when the task has not started', () => {
    expect(canTransition('created', 'running')).toBe(false);
    expect(canTransition('created', 'completed')).toBe(false);
    expect(canTransition('queued', 'terminated')).toBe(false);
  });
});

describe('isTerminalTaskStatus', () => {
  it('should agree with the contracts list of terminal statuses', () => {
    expect(TASK_STATUSES.filter(isTerminalTaskStatus)).toEqual([...TERMINAL_TASK_STATUSES]);
  });
});
