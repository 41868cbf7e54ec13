import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainException } from '@webbyflow/common';
import {
  type StepViewV1,
  TERMINAL_TASK_STATUSES,
  type TaskSpecV1,
  type TaskViewV1,
  type WebhookDeliveryViewV1,
} from '@webbyflow/contracts';
import { OnQuery, type QueryMessage } from '@webbyflow/messaging';

/** How the real orchestrator fails a query: a terminal error recognised by its code. */
export class StandInException extends DomainException<string> {
  readonly terminal = true;
}

/**
 * Test double of the orchestrator's queries, answering over real NATS from memory. Tests read
 * what it was asked (`created`) and shape what it answers (`tasks`, `steps`).
 */
@Injectable()
export class OrchestratorStandIn {
  readonly created: Array<{ orgId: string; envelopeOrgId: string; spec: TaskSpecV1; idempotencyKey?: string }> = [];
  /** When set, create answers QUEUE_FULL with this message, as the orchestrator does when its queue is full. */
  queueFull: string | null = null;
  /** Tasks by `orgId:idempotencyKey`, with the spec they were created from. */
  private readonly byKey = new Map<string, { spec: string; view: TaskViewV1 }>();
  readonly tasks = new Map<string, TaskViewV1>();
  readonly steps = new Map<string, StepViewV1[]>();
  /** What list_events was asked, and the page it answers. */
  readonly eventQueries: Array<{ after: string | null; limit: number }> = [];
  readonly planCacheQueries: Array<{ after: string | null; limit: number }> = [];
  /** Webhook deliveries by task, newest first; resend adds one. */
  readonly deliveries = new Map<string, WebhookDeliveryViewV1[]>();

  @OnQuery('webbyflow.qry.orchestrator.create_task.v1')
  async create(message: QueryMessage<'webbyflow.qry.orchestrator.create_task.v1'>): Promise<TaskViewV1> {
    const { orgId, spec, idempotencyKey } = message.payload;
    const earlier = idempotencyKey ? this.byKey.get(`${orgId}:${idempotencyKey}`) : undefined;
    if (earlier && earlier.spec !== JSON.stringify(spec))
      throw new StandInException('IDEMPOTENCY_KEY_REUSED', `key ${idempotencyKey} was used with another spec`);
    if (earlier) return Promise.resolve(earlier.view);
    if (this.queueFull) throw new StandInException('QUEUE_FULL', this.queueFull);
    this.created.push({ orgId, envelopeOrgId: message.orgId, spec, ...(idempotencyKey ? { idempotencyKey } : {}) });
    const now = new Date().toISOString();
    const view: TaskViewV1 = {
      id: randomUUID(),
      orgId,
      status: 'queued',
      url: spec.url,
      goal: spec.goal,
      maxSteps: spec.maxSteps,
      stepCount: 0,
      output: null,
      failureReason: null,
      webhookUrl: spec.webhookUrl,
      ...(spec.planner ? { planner: spec.planner } : {}),
      ...(spec.recoveryRules ? { recoveryRules: spec.recoveryRules } : {}),
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      artifacts: [],
    };
    this.tasks.set(view.id, view);
    if (idempotencyKey) this.byKey.set(`${orgId}:${idempotencyKey}`, { spec: JSON.stringify(spec), view });
    return Promise.resolve(view);
  }

  @OnQuery('webbyflow.qry.orchestrator.get_task.v1')
  async get(message: QueryMessage<'webbyflow.qry.orchestrator.get_task.v1'>): Promise<TaskViewV1> {
    return Promise.resolve(this.find(message.payload.orgId, message.payload.taskId));
  }

  @OnQuery('webbyflow.qry.orchestrator.list_steps.v1')
  async listSteps(message: QueryMessage<'webbyflow.qry.orchestrator.list_steps.v1'>) {
    const task = this.find(message.payload.orgId, message.payload.taskId);
    return Promise.resolve({ taskId: task.id, steps: this.steps.get(task.id) ?? [] });
  }

  @OnQuery('webbyflow.qry.orchestrator.list_tasks.v1')
  async listTasks(message: QueryMessage<'webbyflow.qry.orchestrator.list_tasks.v1'>) {
    const { orgId, status, limit } = message.payload;
    const tasks = [...this.tasks.values()]
      .filter((t) => t.orgId === orgId && (status === null || t.status === status))
      .reverse()
      .slice(0, limit)
      .map((t) => ({
        id: t.id,
        status: t.status,
        url: t.url,
        goal: t.goal,
        stepCount: t.stepCount,
        failureReason: t.failureReason,
        createdAt: t.createdAt,
        finishedAt: t.finishedAt,
      }));
    return Promise.resolve({ tasks, nextCursor: null });
  }

  /** The gateway only maps the page; the orchestrator's listing is covered by e2e/plan-cache.e2e-spec.ts. */
  @OnQuery('webbyflow.qry.orchestrator.list_plan_cache.v1')
  async listPlanCache(message: QueryMessage<'webbyflow.qry.orchestrator.list_plan_cache.v1'>) {
    this.planCacheQueries.push({ after: message.payload.after, limit: message.payload.limit });
    return Promise.resolve({ entries: [], nextCursor: null });
  }

  @OnQuery('webbyflow.qry.orchestrator.list_events.v1')
  async listEvents(message: QueryMessage<'webbyflow.qry.orchestrator.list_events.v1'>) {
    const task = this.find(message.payload.orgId, message.payload.taskId);
    this.eventQueries.push({ after: message.payload.after, limit: message.payload.limit });
    const event = {
      id: `${task.id}:created`,
      subject: 'webbyflow.evt.task.created.v1',
      version: 1,
      occurredAt: task.createdAt,
      causationId: null,
      payload: { taskId: task.id, url: task.url, goal: task.goal, maxSteps: task.maxSteps },
    };
    return Promise.resolve({ taskId: task.id, events: [event], nextCursor: null });
  }

  @OnQuery('webbyflow.qry.orchestrator.cancel_task.v1')
  async cancel(message: QueryMessage<'webbyflow.qry.orchestrator.cancel_task.v1'>): Promise<TaskViewV1> {
    const task = this.find(message.payload.orgId, message.payload.taskId);
    if (TERMINAL_TASK_STATUSES.includes(task.status)) {
      throw new StandInException('TASK_ALREADY_FINISHED', `task ${task.id} has already finished`);
    }
    const now = new Date().toISOString();
    const canceled: TaskViewV1 = {
      ...task,
      status: 'canceled',
      failureReason: message.payload.reason,
      finishedAt: now,
    };
    this.tasks.set(task.id, canceled);
    return Promise.resolve(canceled);
  }

  @OnQuery('webbyflow.qry.orchestrator.list_webhook_deliveries.v1')
  async listWebhookDeliveries(message: QueryMessage<'webbyflow.qry.orchestrator.list_webhook_deliveries.v1'>) {
    const task = this.find(message.payload.orgId, message.payload.taskId);
    return Promise.resolve({ taskId: task.id, deliveries: this.deliveries.get(task.id) ?? [] });
  }

  @OnQuery('webbyflow.qry.orchestrator.resend_webhook.v1')
  async resendWebhook(
    message: QueryMessage<'webbyflow.qry.orchestrator.resend_webhook.v1'>,
  ): Promise<WebhookDeliveryViewV1> {
    const task = this.find(message.payload.orgId, message.payload.taskId);
    if (!TERMINAL_TASK_STATUSES.includes(task.status))
      throw new StandInException('TASK_NOT_FINISHED', `task ${task.id} is ${task.status}`);
    if (!task.webhookUrl) throw new StandInException('WEBHOOK_NOT_CONFIGURED', `task ${task.id} has no webhook_url`);
    const delivery: WebhookDeliveryViewV1 = {
      id: randomUUID(),
      taskId: task.id,
      eventId: `${task.id}:${task.status}`,
      url: task.webhookUrl,
      trigger: 'resend',
      status: 'pending',
      attemptCount: 0,
      nextAttemptAt: new Date().toISOString(),
      createdAt: new Date().toISOString(),
      attempts: [],
    };
    this.deliveries.set(task.id, [delivery, ...(this.deliveries.get(task.id) ?? [])]);
    return Promise.resolve(delivery);
  }

  private find(orgId: string, taskId: string): TaskViewV1 {
    const task = this.tasks.get(taskId);
    if (!task || task.orgId !== orgId) throw new StandInException('TASK_NOT_FOUND', `task ${taskId} not found`);
    return task;
  }
}
