import type { NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, NATS_CONNECTION } from '@webbyflow/messaging';
import { OrchestrationModule } from '@webbyflow/orchestration';
import { createDataSourceOptions } from '@webbyflow/persistence';
import { createLoggerModule, HealthModule } from '@webbyflow/runtime';
import type { OrchestratorConfig } from './orchestrator.config';
import { EventLogConsumer } from './runs/event-log.consumer';
import { RunEventsConsumer } from './runs/run-events.consumer';
import { PlanCacheQueriesResponder } from './plan-cache/plan-cache-queries.responder';
import { TaskQueriesResponder } from './tasks/task-queries.responder';
import { WebhookQueriesResponder } from './webhooks/webhook-queries.responder';

@Module({})
export class AppModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        createLoggerModule('orchestrator', config),
        TypeOrmModule.forRoot(createDataSourceOptions(config, { applicationName: 'webbyflow-orchestrator' })),
        MessagingModule.forRoot({ service: 'orchestrator', instanceId: config.INSTANCE_ID, config }),
        OrchestrationModule.forRoot(config),
        HealthModule.forRoot({
          inject: [NATS_CONNECTION, TypeOrmHealthIndicator],
          useFactory: (indicator, nc: NatsConnection, db: TypeOrmHealthIndicator) => [
            () =>
              nc.isClosed()
                ? indicator.check('nats').down({ reason: 'connection closed' })
                : indicator.check('nats').up(),
            () => db.pingCheck('database'),
          ],
        }),
      ],
      providers: [
        RunEventsConsumer,
        EventLogConsumer,
        TaskQueriesResponder,
        WebhookQueriesResponder,
        PlanCacheQueriesResponder,
      ],
    };
  }
}
