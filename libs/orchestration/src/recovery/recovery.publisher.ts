import { Injectable } from '@nestjs/common';
import { BrowserOptionsV1, type RecoveryEventV1 } from '@webbyflow/contracts';
import type { RecoveryAttemptEntity, TaskEntity } from '@webbyflow/persistence';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox';

export type RecoveryOutcome = 'attempted' | 'succeeded' | 'exhausted';

/** The coordinator's messages (through the outbox, in the decision's transaction), with ids derived from the failure they answer. */
@Injectable()
export class RecoveryPublisher {
  constructor(private readonly outbox: Outbox) {}

  private meta(task: TaskEntity, id: string, causationId: string | null) {
    return { id, correlationId: task.id, causationId, orgId: task.orgId };
  }

  event(
    em: EntityManager,
    task: TaskEntity,
    attempt: RecoveryAttemptEntity,
    outcome: RecoveryOutcome,
    causationId: string | null,
  ) {
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
    return this.outbox.add(
      em,
      `webbyflow.evt.orchestrator.recovery_${outcome}.v1`,
      payload,
      this.meta(task, `${attempt.failureId}:recovery_${outcome}`, causationId),
    );
  }

  /** A session on any instance (open_session is a shared command); `reopen` gives its session_opened its own id. */
  openSession(
    em: EntityManager,
    task: TaskEntity,
    url: string,
    id: string,
    reopen: string | undefined,
    causationId: string,
  ) {
    const browser = BrowserOptionsV1.parse(task.browserOptions);
    return this.outbox.add(
      em,
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

  scrape(em: EntityManager, task: TaskEntity, stepIndex: number, id: string, causationId: string) {
    return this.outbox.add(
      em,
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId: task.id, stepIndex },
      this.meta(task, id, causationId),
      task.browserInstanceId ?? undefined,
    );
  }
}
