import { Injectable } from '@nestjs/common';
import type { TaskViewV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { notFound } from '../errors/query-error.mapper';
import { queryMeta, requireId, runQuery } from '../queries/run-query';

/** One task of the caller's org; another org's task is reported as not found. */
@Injectable()
export class GetTaskUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(principal: Principal, rawId: string): Promise<TaskViewV1> {
    const taskId = requireId(rawId, 'task');
    const target = { service: 'orchestrator', resource: 'task', id: taskId } as const;
    const view = await runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.get_task.v1',
      { orgId: principal.orgId, taskId },
      queryMeta(principal, taskId),
      target,
    );
    if (view.orgId !== principal.orgId) throw notFound(target);
    return view;
  }
}
