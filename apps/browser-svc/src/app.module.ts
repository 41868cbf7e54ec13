import type { NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Module } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { BrowserSessionManager, ChromiumLauncher, type BrowserConfig } from '@webbyflow/browser';
import { MessagingModule, NATS_CONNECTION } from '@webbyflow/messaging';
import { createLoggerModule, HealthModule } from '@webbyflow/runtime';
import { ActionConsumer } from './actions/action.consumer';
import { ActionRunner } from './actions/action-runner.service';
import { browserHealth } from './browser/browser.health';
import { BrowserModule } from './browser/browser.module';
import { BROWSER_CONFIG } from './browser/browser.tokens';
import { BROWSER_SVC_CONFIG, toBrowserConfig, type BrowserSvcConfig } from './config/browser-svc.config';
import { PageCaptureService } from './pages/page-capture.service';
import { PageConsumer } from './pages/page.consumer';
import { BrowserProfiles } from './profiles/browser-profiles.service';
import { SessionCommands } from './sessions/session-commands';
import { SessionCrashReporter } from './sessions/session-crash.reporter';
import { SessionHeartbeat } from './sessions/session-heartbeat';
import { SessionLostPublisher } from './sessions/session-lost.publisher';
import { SessionOwners } from './sessions/session-owners';
import { SessionStates } from './sessions/session-states';
import { SessionShutdownReporter } from './sessions/session-shutdown.reporter';
import { SessionConsumer } from './sessions/session.consumer';

@Module({})
export class AppModule {
  static forRoot(config: BrowserSvcConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        createLoggerModule('browser-svc', config),
        MessagingModule.forRoot({ service: 'browser', instanceId: config.INSTANCE_ID, config }),
        BrowserModule.forRoot(toBrowserConfig(config)),
        HealthModule.forRoot({
          inject: [NATS_CONNECTION, ChromiumLauncher, BrowserSessionManager, BROWSER_CONFIG],
          useFactory: (
            indicator,
            nc: NatsConnection,
            launcher: ChromiumLauncher,
            sessions: BrowserSessionManager,
            browser: BrowserConfig,
          ) => [
            () =>
              nc.isClosed()
                ? indicator.check('nats').down({ reason: 'connection closed' })
                : indicator.check('nats').up(),
            browserHealth(indicator, launcher, sessions, browser),
          ],
        }),
      ],
      providers: [
        { provide: BROWSER_SVC_CONFIG, useValue: config },
        { provide: ArtifactClient, useFactory: () => ArtifactClient.fromConfig(config) },
        SessionOwners,
        SessionCommands,
        SessionConsumer,
        SessionShutdownReporter,
        SessionLostPublisher,
        SessionCrashReporter,
        SessionHeartbeat,
        SessionStates,
        BrowserProfiles,
        PageCaptureService,
        PageConsumer,
        ActionRunner,
        ActionConsumer,
      ],
    };
  }
}
