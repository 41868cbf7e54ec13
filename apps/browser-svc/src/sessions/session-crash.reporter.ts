import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { BrowserSessionManager } from '@webbyflow/browser';
import { SessionLostPublisher } from './session-lost.publisher';
import { SessionOwners } from './session-owners';

/**
 * When Chromium crashes or is killed, every session it held is lost at once, often while the run waits on
 * the planner and sends no browser command that could fail: report each one now.
 */
@Injectable()
export class SessionCrashReporter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionCrashReporter.name);
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly owners: SessionOwners,
    private readonly lost: SessionLostPublisher,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.sessions.onSessionLost((taskId, reason) => this.report(taskId, reason));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private report(taskId: string, reason: string): void {
    const owner = this.owners.get(taskId);
    if (!owner) return; // opened outside a command (never in the service), nobody to tell
    // Reported once: a later shutdown must not report it again.
    this.owners.remove(taskId);
    this.logger.warn(`session of task ${taskId} lost: ${reason}`);
    void this.lost.publish(taskId, owner, reason);
  }
}
