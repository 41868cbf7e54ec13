import { Injectable } from '@nestjs/common';
import { BrowserOptionsV1, type RecoveryEventV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { RecoveryAttemptEntity, TaskEntity } from '@webbyflow/persistence';

export type RecoveryOutcome = 'attempted' | 'succeeded' | 'exhausted';

/** The coordinator's messages, with ids derived from the failure they answer, so a redelivery re-sends the same ids. */
@Injectable()
export class RecoveryPublisher {
  constructor(private readonly bus: MessageBus) {}

  private meta(task: TaskEntity, id: string, causationId: string | null) {
    return { id, correlationId: task.id, causationId, orgId: task.orgId };
  }

  event(task: TaskEntity, attempt: RecoveryAttemptEntity, outcome: RecoveryOutcome, causationId: string | null) {
    const payload: RecoveryEventV1 = {
      taskId: task.id,
      stepIndex: attempt.stepIndex,
      component: attempt.component,
      code: attempt.code,
      strategy: attempt.strategy as RecoveryEventV1['strategy'],
      attempt: attempt.attempt,
      maxAttempts: attempt.maxAttempts,
      reason: attempt.reason,
    };
    return this.bus.publish(
      `webbyflow.evt.orchestrator.recovery_${outcome}.v1`,
      payload,
      this.meta(task, `${attempt.failureId}:recovery_${outcome}`, causationId),
    );
  }

  /** A session on any instance (open_session is a shared command); `reopen` gives its session_opened its own id. */
  openSession(task: TaskEntity, url: string, id: string, reopen: string | undefined, causationId: string) {
    const browser = BrowserOptionsV1.parse(task.browserOptions);
    return this.bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      {
        taskId: task.id,
        url,
        ...(Object.keys(browser).length > 0 ? { browser } : {}),
        ...(reopen ? { reopen } : {}),
      },
      this.meta(task, id, causationId),
    );
  }

  scrape(task: TaskEntity, stepIndex: number, id: string, causationId: string) {
    return this.bus.publish(
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId: task.id, stepIndex },
      this.meta(task, id, causationId),
      { route: task.browserInstanceId ?? undefined },
    );
  }
}
