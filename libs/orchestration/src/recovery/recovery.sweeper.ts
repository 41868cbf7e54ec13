import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { toErrorInfo } from '@webbyflow/common';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { RecoveryCoordinator } from './recovery.coordinator';
import { SessionLivenessWatcher } from './session-liveness.watcher';

/**
 * Periodically ends runs whose replacement browser session never opened (RECOVERY_SESSION_TIMEOUT_MS), and
 * recovers runs whose browser-svc went silent (BROWSER_HEARTBEAT_TIMEOUT_MS).
 */
@Injectable()
export class RecoverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverySweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly coordinator: RecoveryCoordinator,
    private readonly liveness: SessionLivenessWatcher,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= Promise.allSettled([this.coordinator.sweep(), this.liveness.check()])
        .then((results) => {
          for (const r of results)
            if (r.status === 'rejected') this.logger.error(`recovery sweep failed: ${toErrorInfo(r.reason).message}`);
        })
        .finally(() => (this.sweeping = undefined));
    }, this.config.ORCHESTRATOR_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
