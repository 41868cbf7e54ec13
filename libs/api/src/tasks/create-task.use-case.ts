import { Injectable } from '@nestjs/common';
import type { TaskSpecV1, TaskViewV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { queryMeta, runQuery } from '../queries/run-query';
import { TaskUrlChecker } from './task-url.checker';

/** Asks the orchestrator to create and queue a run for the caller's org. */
@Injectable()
export class CreateTaskUseCase {
  constructor(
    private readonly bus: MessageBus,
    private readonly urls: TaskUrlChecker,
  ) {}

  /** With an `idempotencyKey`, a repeat of the same spec returns the task the first call created. */
  async execute(principal: Principal, spec: TaskSpecV1, idempotencyKey?: string): Promise<TaskViewV1> {
    await this.urls.check(spec);
    const meta = queryMeta(principal);
    const payload = { orgId: principal.orgId, spec, ...(idempotencyKey ? { idempotencyKey } : {}) };
    return runQuery(this.bus, 'webbyflow.qry.orchestrator.create_task.v1', payload, meta, {
      service: 'orchestrator',
      resource: 'task',
      id: meta.id,
    });
  }
}
