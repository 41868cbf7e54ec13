import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ArtifactsConfig, ArtifactService } from '@webbyflow/artifacts';
import { CoalescingRunner, toErrorInfo } from '@webbyflow/common';
import { ARTIFACTS_CONFIG } from './artifacts.tokens';
import { StoreArtifactUseCase } from './store-artifact.use-case';

/**
 * Offers spooled (`pending`) artifacts to the store again, at boot (what a restart left in the spool) and
 * every `ARTIFACT_SPOOL_RETRY_MS`, backing off while the store still fails; each one stored flips to
 * `stored` and is announced with `artifact.stored`.
 */
@Injectable()
export class ArtifactSpoolFlusher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ArtifactSpoolFlusher.name);
  private readonly runner: CoalescingRunner;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly artifacts: ArtifactService,
    private readonly storeArtifact: StoreArtifactUseCase,
    @Inject(ARTIFACTS_CONFIG) private readonly config: ArtifactsConfig,
  ) {
    this.runner = new CoalescingRunner(
      () => this.flush(),
      (error, retryInMs) =>
        this.logger.warn(
          `spooled artifacts not stored yet: ${toErrorInfo(error).message}; retrying in ${retryInMs} ms`,
        ),
      { baseMs: config.ARTIFACT_SPOOL_RETRY_MS, maxMs: config.ARTIFACT_SPOOL_MAX_BACKOFF_MS },
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.runner.kick(), this.config.ARTIFACT_SPOOL_RETRY_MS);
    this.runner.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.runner.stop();
  }

  /** Stores what the spool holds; throws when the store still fails. */
  async flush(): Promise<void> {
    const stored = await this.artifacts.storeSpooled(async (meta) => {
      // The row is stored either way; the event is for outside listeners, so a failure is only logged.
      await this.storeArtifact.announce(meta).catch((error: unknown) => {
        this.logger.warn(`artifact.stored for ${meta.artifactId} not published: ${toErrorInfo(error).message}`);
      });
    });
    if (stored > 0) this.logger.log(`stored ${stored} spooled artifact(s)`);
  }
}
