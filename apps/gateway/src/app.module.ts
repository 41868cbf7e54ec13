import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiModule } from '@webbyflow/api';
import { MessagingModule } from '@webbyflow/messaging';
import { createDataSourceOptions } from '@webbyflow/persistence';
import { createLoggerModule, HealthModule } from '@webbyflow/runtime';
import { ArtifactsController } from './artifacts/artifacts.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { gatewayHealthChecks } from './health/gateway-health';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { RequestShapeInterceptor } from './http/request-shape.interceptor';
import { PlanCacheController } from './plan-cache/plan-cache.controller';
import { TasksController } from './tasks/tasks.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/** The REST controllers; the OpenAPI document is generated from exactly these. */
export const GATEWAY_CONTROLLERS = [TasksController, ArtifactsController, WebhooksController, PlanCacheController];

/** The gateway: REST in, NATS queries out, orgs and API keys read from Postgres (no migrations run here). */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        createLoggerModule('gateway', config),
        MessagingModule.forRoot({ service: 'gateway', instanceId: config.INSTANCE_ID, config }),
        TypeOrmModule.forRoot({
          ...createDataSourceOptions(config, { applicationName: 'webbyflow-gateway' }),
          retryAttempts: 2,
          retryDelay: 1000,
        }),
        ApiModule.forRoot({
          publicBaseUrl: config.PUBLIC_BASE_URL,
          artifactClient: config,
          taskUrlAllowList: config.TASK_URL_ALLOWED_HOSTS,
          webhookAllowList: config.WEBHOOK_ALLOWED_HOSTS,
          webhookSecretKey: config.WEBHOOK_SECRET_KEY,
        }),
        HealthModule.forRoot(gatewayHealthChecks),
      ],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ApiKeyGuard,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestShapeInterceptor },
      ],
    };
  }
}
