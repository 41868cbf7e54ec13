import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseRetryAfter, toErrorInfo } from '@webbyflow/common';
import { WebhookDeliveryEntity, type WebhookAttemptRecord, WebhookSecretStore } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { type AttemptDecision, type AttemptResult, decideAfterAttempt } from './webhook-retry-policy';
import { WebhookSender } from './webhook.sender';
import {
  WEBHOOK_DELIVERY_ID_HEADER,
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookSignatureHeader,
} from './webhook-signature';

/** Makes one attempt of a claimed delivery and records it; never touches the run itself. */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecretStore,
    private readonly sender: WebhookSender,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  async attempt(delivery: WebhookDeliveryEntity): Promise<AttemptDecision> {
    const attempt = delivery.attempt + 1;
    const startedAt = new Date();
    const clock = performance.now();
    const result = await this.send(delivery);
    const durationMs = Math.round(performance.now() - clock);
    const decision = decideAfterAttempt(result, attempt, {
      maxAttempts: this.config.WEBHOOK_ATTEMPTS,
      baseDelayMs: this.config.WEBHOOK_BACKOFF_BASE_MS,
      maxDelayMs: this.config.WEBHOOK_MAX_DELAY_MS,
    });
    const record: WebhookAttemptRecord = {
      attempt,
      startedAt: startedAt.toISOString(),
      durationMs,
      responseStatus: result.kind === 'response' ? result.status : null,
      error: errorOf(result),
      outcome: decision.outcome,
    };
    await this.record(delivery, record, decision);
    return decision;
  }

  private async send(delivery: WebhookDeliveryEntity): Promise<AttemptResult> {
    try {
      const body = JSON.stringify(delivery.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      const secret = await this.secrets.getOrCreate(delivery.orgId);
      const response = await this.sender.post({
        url: delivery.url,
        body,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'WebbyFlow-Webhooks/1',
          [WEBHOOK_SIGNATURE_HEADER]: webhookSignatureHeader(secret, timestamp, body),
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_EVENT_ID_HEADER]: delivery.eventId,
          [WEBHOOK_DELIVERY_ID_HEADER]: delivery.id,
          'X-WebbyFlow-Task-Id': delivery.taskId,
        },
      });
      return { kind: 'response', status: response.status, retryAfterMs: parseRetryAfter(response.retryAfter) };
    } catch (error) {
      const info = toErrorInfo(error);
      return { kind: 'error', code: info.code, message: info.message, terminal: info.terminal };
    }
  }

  /** Appends the attempt; `attempt = previous` drops the write of a replica whose claim had expired. */
  private async record(delivery: WebhookDeliveryEntity, record: WebhookAttemptRecord, decision: AttemptDecision) {
    const status = decision.outcome === 'retry' ? 'pending' : decision.outcome;
    const delayMs = decision.outcome === 'retry' ? decision.delayMs : null;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({
        status,
        attempt: record.attempt,
        responseStatus: record.responseStatus,
        error: record.error,
        durationMs: record.durationMs,
        nextAttemptAt: delayMs === null ? null : () => `now() + (:delayMs * interval '1 millisecond')`,
        attempts: () => `attempts || :record::jsonb`,
      })
      .where('id = :id AND attempt = :previous AND status = :pending', {
        id: delivery.id,
        previous: delivery.attempt,
        pending: 'pending',
      })
      .setParameters({ delayMs, record: JSON.stringify([record]) })
      .execute();
    if (!result.affected) this.logger.warn(`delivery ${delivery.id} attempt ${record.attempt} was recorded elsewhere`);
    else if (decision.outcome === 'failed')
      this.logger.warn(`webhook delivery ${delivery.id} of task ${delivery.taskId} failed: ${record.error}`);
  }
}

function errorOf(result: AttemptResult): string | null {
  if (result.kind === 'error') return `${result.code}: ${result.message}`;
  return result.status >= 200 && result.status < 300 ? null : `HTTP ${result.status}`;
}
