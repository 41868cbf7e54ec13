import { Inject, Injectable, Logger } from '@nestjs/common';
import { sleep, toErrorInfo, withDeadline } from '@webbyflow/common';
import type { TaskEntity } from '@webbyflow/persistence';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';

/**
 * POSTs the final state of a run to its webhook_url, with retries and backoff.
 * TODO(webhook-deliveries issue): persist attempts in a webhook_delivery table so a restart resumes them.
 */
@Injectable()
export class WebhookNotifier {
  private readonly logger = new Logger(WebhookNotifier.name);

  constructor(@Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig) {}

  async notify(task: TaskEntity): Promise<void> {
    if (!task.webhookUrl) return;
    const body = JSON.stringify({
      event: `task.${task.status}`,
      task_id: task.id,
      status: task.status,
      output: task.output ?? null,
      failure_reason: task.failureReason,
      step_count: task.stepCount,
      finished_at: task.finishedAt?.toISOString() ?? null,
    });
    for (let attempt = 1; attempt <= this.config.WEBHOOK_ATTEMPTS; attempt += 1) {
      try {
        const response = await withDeadline('webhook', this.config.WEBHOOK_TIMEOUT_MS, (signal) =>
          fetch(task.webhookUrl as string, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-webbyflow-task-id': task.id },
            body,
            signal,
          }),
        );
        if (response.ok) return;
        this.logger.warn(`webhook for ${task.id} answered ${response.status} (attempt ${attempt})`);
      } catch (error) {
        this.logger.warn(`webhook for ${task.id} failed (attempt ${attempt}): ${toErrorInfo(error).message}`);
      }
      if (attempt < this.config.WEBHOOK_ATTEMPTS) await sleep(500 * 2 ** attempt);
    }
  }
}
