import { Injectable } from '@nestjs/common';
import { OnQuery, type QueryMessage } from '@webbyflow/messaging';
import { TaskService } from '@webbyflow/orchestration';

/** Answers the gateway's synchronous task operations. */
@Injectable()
export class TaskQueriesResponder {
  constructor(private readonly tasks: TaskService) {}

  @OnQuery('webbyflow.qry.orchestrator.create_task.v1')
  create(message: QueryMessage<'webbyflow.qry.orchestrator.create_task.v1'>) {
    const { orgId, spec, idempotencyKey } = message.payload;
    return this.tasks.create(orgId, spec, message.id, idempotencyKey);
  }

  @OnQuery('webbyflow.qry.orchestrator.get_task.v1')
  get(message: QueryMessage<'webbyflow.qry.orchestrator.get_task.v1'>) {
    return this.tasks.get(message.payload.orgId, message.payload.taskId);
  }

  @OnQuery('webbyflow.qry.orchestrator.list_steps.v1')
  steps(message: QueryMessage<'webbyflow.qry.orchestrator.list_steps.v1'>) {
    return this.tasks.steps(message.payload.orgId, message.payload.taskId);
  }

  @OnQuery('webbyflow.qry.orchestrator.list_tasks.v1')
  list(message: QueryMessage<'webbyflow.qry.orchestrator.list_tasks.v1'>) {
    const { orgId, status, after, limit } = message.payload;
    return this.tasks.list(orgId, { status, after, limit });
  }

  @OnQuery('webbyflow.qry.orchestrator.list_events.v1')
  events(message: QueryMessage<'webbyflow.qry.orchestrator.list_events.v1'>) {
    const { orgId, taskId, after, limit } = message.payload;
    return this.tasks.events(orgId, taskId, after, limit);
  }

  @OnQuery('webbyflow.qry.orchestrator.cancel_task.v1')
  cancel(message: QueryMessage<'webbyflow.qry.orchestrator.cancel_task.v1'>) {
    return this.tasks.cancel(message.payload.orgId, message.payload.taskId, message.payload.reason, message.id);
  }
}
