import { Logger } from '@nestjs/common';
import { toErrorInfo } from '@webbyflow/common';
import { OUTBOX_CHANNEL } from '@webbyflow/persistence';
import { Client } from 'pg';

const RECONNECT_MAX_MS = 5_000;

/**
 * A dedicated Postgres connection that LISTENs on the outbox channel and calls `wake` for every
 * notification (rows committed, by this instance or another) and after each (re)connect, when rows
 * may have been committed unheard. It reconnects with backoff after Postgres restarts; the relay's
 * polling covers the time it is away.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: Client;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly wake: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, application_name: 'webbyflow-outbox' });
    this.client = client;
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.logger.warn(`outbox listener: ${error.message}`));
    client.once('end', () => this.reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.failures = 0;
      this.wake();
    } catch (error) {
      this.logger.warn(`outbox listener cannot listen: ${toErrorInfo(error).message}`);
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.stopped) return;
    const delayMs = Math.min(RECONNECT_MAX_MS, 100 * 2 ** this.failures++);
    this.retry = setTimeout(() => void this.connect(), delayMs);
  }
}
