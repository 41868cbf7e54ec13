import type { NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Module } from '@nestjs/common';
import { type HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, NATS_CONNECTION } from '@webbyflow/messaging';
import { createDataSourceOptions } from '@webbyflow/persistence';
import { HealthModule, createLoggerModule } from '@webbyflow/runtime';
import { ARTIFACT_SVC_CONFIG, type ArtifactSvcConfig } from './artifact-svc.config';
import { ArtifactsModule } from './artifacts/artifacts.module';

const HEALTH_TIMEOUT_MS = 2_000;

const healthChecks = HealthModule.forRoot({
  inject: [NATS_CONNECTION, TypeOrmHealthIndicator],
  useFactory: (indicator: HealthIndicatorService, nc: NatsConnection, database: TypeOrmHealthIndicator) => [
    () => database.pingCheck('database').withTimeout(HEALTH_TIMEOUT_MS),
    () => (nc.isClosed() ? indicator.check('nats').down('connection closed') : indicator.check('nats').up()),
  ],
});

/** artifact-svc: the config (loaded once, by the caller), Postgres, NATS, health and the artifact adapters. */
@Module({})
export class AppModule {
  static forRoot(config: ArtifactSvcConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        createLoggerModule('artifact-svc', config),
        // The schema is migrated by `npm run migrate`, never by this app (synchronize and migrationsRun are off).
        TypeOrmModule.forRootAsync({
          inject: [ARTIFACT_SVC_CONFIG],
          useFactory: (c: ArtifactSvcConfig) => ({
            ...createDataSourceOptions(c, { applicationName: `artifact-svc:${c.INSTANCE_ID}`.slice(0, 63) }),
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
        }),
        MessagingModule.forRoot({ service: 'artifact', instanceId: config.INSTANCE_ID, config }),
        healthChecks,
        ArtifactsModule.forRoot(config),
      ],
      providers: [{ provide: ARTIFACT_SVC_CONFIG, useValue: config }],
      exports: [ARTIFACT_SVC_CONFIG],
    };
  }
}
