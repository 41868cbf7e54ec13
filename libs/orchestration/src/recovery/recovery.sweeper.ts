import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { toErrorInfo } from '@webbyflow/common';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { RecoveryCoordinator } from './recovery.coordinator';

/** Periodically ends runs whose replacement browser session never opened (RECOVERY_SESSION_TIMEOUT_MS). */
@Injectable()
export class RecoverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecoverySweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly coordinator: RecoveryCoordinator,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.coordinator
        .sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`recovery sweep failed: ${toErrorInfo(error).message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.config.ORCHESTRATOR_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
