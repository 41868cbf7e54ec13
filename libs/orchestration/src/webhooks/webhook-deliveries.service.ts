import { Injectable } from '@nestjs/common';
import { isUuid } from '@webbyflow/common';
import type { WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import { isTerminalTaskStatus, TaskEntity, WebhookDeliveryEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { OrchestratorException, OrchestratorExceptionCode } from '../orchestrator.exception';
import { WebhookDeliveryPoller } from './webhook-delivery.poller';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { toWebhookDeliveryView } from './webhook-views';
import { WebhookException, WebhookExceptionCode } from './webhook.exception';

/** The delivery log of a run and resending its final result, as the gateway asks for them. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: WebhookDeliveryQueue,
    private readonly poller: WebhookDeliveryPoller,
  ) {}

  async list(orgId: string, taskId: string): Promise<{ taskId: string; deliveries: WebhookDeliveryViewV1[] }> {
    await this.findTask(orgId, taskId);
    const deliveries = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { taskId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return { taskId, deliveries: deliveries.map(toWebhookDeliveryView) };
  }

  /** Queues a new delivery of the final result; the run's status is never touched. */
  async resend(orgId: string, taskId: string): Promise<WebhookDeliveryViewV1> {
    const task = await this.findTask(orgId, taskId);
    if (!isTerminalTaskStatus(task.status))
      throw new WebhookException(
        WebhookExceptionCode.TASK_NOT_FINISHED,
        `task ${taskId} is ${task.status}; only a finished run has a result to send`,
      );
    if (!task.webhookUrl)
      throw new WebhookException(WebhookExceptionCode.WEBHOOK_NOT_CONFIGURED, `task ${taskId} has no webhook_url`);
    const delivery = await this.queue.enqueue(this.dataSource.manager, task, 'resend');
    this.poller.kick();
    return toWebhookDeliveryView(delivery as WebhookDeliveryEntity);
  }

  private async findTask(orgId: string, taskId: string): Promise<TaskEntity> {
    const task = isUuid(taskId)
      ? await this.dataSource.getRepository(TaskEntity).findOne({ where: { id: taskId, orgId } })
      : null;
    if (!task) throw new OrchestratorException(OrchestratorExceptionCode.TASK_NOT_FOUND, `task ${taskId} not found`);
    return task;
  }
}
