import { Injectable } from '@nestjs/common';
import type { TaskViewV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { queryMeta, requireId, runQuery } from '../queries/run-query';

/** Cancels a run that is still queued or running; a finished one answers TASK_ALREADY_FINISHED. */
@Injectable()
export class CancelTaskUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(principal: Principal, rawId: string): Promise<TaskViewV1> {
    const taskId = requireId(rawId, 'task');
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.cancel_task.v1',
      { orgId: principal.orgId, taskId, reason: `canceled through the API with key ${principal.keyPrefix}` },
      queryMeta(principal, taskId),
      { service: 'orchestrator', resource: 'task', id: taskId },
    );
  }
}
