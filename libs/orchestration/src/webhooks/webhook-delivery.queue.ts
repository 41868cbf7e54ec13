import { Injectable } from '@nestjs/common';
import { type TaskEntity, WebhookDeliveryEntity, type WebhookDeliveryTrigger } from '@webbyflow/persistence';
import type { EntityManager } from 'typeorm';
import { webhookEventId, webhookPayload } from './webhook-payload';

/**
 * Queues deliveries of a run's final result as `pending` rows. Called inside the transaction that ends
 * the run, so the delivery exists exactly when the final status does, and survives a restart.
 */
@Injectable()
export class WebhookDeliveryQueue {
  async enqueue(
    em: EntityManager,
    task: TaskEntity,
    trigger: WebhookDeliveryTrigger,
  ): Promise<WebhookDeliveryEntity | null> {
    if (!task.webhookUrl) return null;
    // The database's clock decides when rows are due, for every replica alike.
    const [row] = await em.query<Array<{ id: string }>>(
      `INSERT INTO webhook_deliveries (task_id, org_id, url, event_id, trigger, payload, status, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', now()) RETURNING id`,
      [task.id, task.orgId, task.webhookUrl, webhookEventId(task), trigger, JSON.stringify(webhookPayload(task))],
    );
    return em.findOneByOrFail(WebhookDeliveryEntity, { id: row.id });
  }
}
