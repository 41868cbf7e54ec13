import { Inject, Injectable } from '@nestjs/common';
import { assertTransition, type TaskEntity } from '@webbyflow/persistence';
import { AdmissionService } from '../admission/admission.service';
import { PlanCacheRun } from '../plan-cache/plan-cache.run';
import { WebhookNotifier } from '../webhooks/webhook.notifier';
import { taskUsage } from './run-accounting';
import type { RunContext } from './run-context';
import { RunPublisher } from './run-publisher';

export type Ending =
  | { status: 'completed'; output: unknown }
  | { status: 'failed'; reason: string; code: string }
  | { status: 'terminated'; reason: string }
  | { status: 'timed_out'; reason: string }
  | { status: 'canceled'; reason: string };

/** Moves a run to a terminal status: row, task event, action-plan cache, closing the browser session, webhook. */
@Injectable()
export class RunFinisher {
  constructor(
    private readonly publisher: RunPublisher,
    @Inject(WebhookNotifier) private readonly webhooks: WebhookNotifier,
    private readonly admission: AdmissionService,
    private readonly planCache: PlanCacheRun,
  ) {}

  async finish(ctx: RunContext, task: TaskEntity, ending: Ending): Promise<void> {
    assertTransition(task.status, ending.status);
    task.status = ending.status;
    task.finishedAt = new Date();
    if (ending.status === 'completed') task.output = ending.output ?? null;
    else task.failureReason = ending.reason;
    if (ending.status === 'failed') task.failureCode = ending.code;
    // A completed run's plan goes into the action-plan cache in the same transaction.
    if (ending.status === 'completed') await this.planCache.onCompleted(ctx, task);
    await ctx.em.save(task);

    const cause = ctx.causationId;
    const taskId = task.id;
    const usage = taskUsage(task);
    switch (ending.status) {
      case 'completed':
        await this.publisher.taskEvent(
          ctx.em,
          task,
          'webbyflow.evt.task.completed.v1',
          { taskId, output: task.output ?? null, stepCount: task.stepCount, usage },
          ending.status,
          cause,
        );
        break;
      case 'failed': {
        const error = { name: 'RunFailed', code: ending.code, message: ending.reason, terminal: true };
        await this.publisher.taskEvent(
          ctx.em,
          task,
          'webbyflow.evt.task.failed.v1',
          { taskId, reason: ending.reason, error, usage },
          ending.status,
          cause,
        );
        break;
      }
      case 'terminated':
      case 'timed_out':
      case 'canceled':
        await this.publisher.taskEvent(
          ctx.em,
          task,
          `webbyflow.evt.task.${ending.status}.v1`,
          { taskId, reason: ending.reason, usage },
          ending.status,
          cause,
        );
        break;
    }
    await this.publisher.closeSession(ctx.em, task, ending.status, cause);
    await this.webhooks.notify(ctx, task);
    // The run's slot is free once this commits: start the next queued run.
    ctx.afterCommit.push(() => {
      void this.admission.kick();
      return Promise.resolve();
    });
  }
}
