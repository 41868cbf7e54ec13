import { Injectable } from '@nestjs/common';
import type { CommandSubject, EventSubject, PayloadInputOf } from '@webbyflow/contracts';
import { MessageBus, type MessageMeta } from '@webbyflow/messaging';
import type { EntityManager } from 'typeorm';

/**
 * The orchestrator's way to publish: a message is validated and addressed as `MessageBus.publish` would,
 * then written to the `outbox` table in the caller's transaction, so it exists exactly when the state
 * change it belongs to is committed. `OutboxRelay` publishes it after the commit.
 */
@Injectable()
export class Outbox {
  constructor(private readonly bus: MessageBus) {}

  /** A message id already in the outbox is left as it is (a re-run handler re-states the same fact). */
  async add<S extends EventSubject | CommandSubject>(
    em: EntityManager,
    subject: S,
    payload: PayloadInputOf<S>,
    meta: MessageMeta,
    route?: string,
  ): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error(`${subject} ${meta.id} must be written inside the transaction of its state change`);
    }
    const { address, envelope } = this.bus.prepare(subject, payload, meta, route);
    await em.query(
      `INSERT INTO outbox (message_id, subject, address, correlation_id, envelope) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (message_id) DO NOTHING`,
      [envelope.id, subject, address, envelope.correlationId, JSON.stringify(envelope)],
    );
  }
}
