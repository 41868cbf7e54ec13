import { Injectable } from '@nestjs/common';
import type { TaskEntity } from '@webbyflow/persistence';
import type { RunContext } from '../loop/run-context';
import { WebhookDeliveryPoller } from './webhook-delivery.poller';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';

/**
 * Sends a run's final result to its webhook_url: queues the delivery in the transaction that ends the
 * run, and starts it once that commits. Delivery failures are recorded on the delivery, never on the run.
 */
@Injectable()
export class WebhookNotifier {
  constructor(
    private readonly queue: WebhookDeliveryQueue,
    private readonly poller: WebhookDeliveryPoller,
  ) {}

  async notify(ctx: RunContext, task: TaskEntity): Promise<void> {
    if (!(await this.queue.enqueue(ctx.em, task, 'finished'))) return;
    ctx.afterCommit.push(() => Promise.resolve(this.poller.kick()));
  }
}
