import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactClient, type ArtifactClientConfig } from '@webbyflow/artifact-client';
import { AddressGuard, type HostAllowList } from '@webbyflow/common';
import { ApiKeyEntity, WebhookSecretCipher, WebhookSecretStore } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { API_OPTIONS, type ApiOptions } from './api.options';
import { ListPlanCacheUseCase } from './plan-cache/plan-cache.use-cases';
import { GetArtifactContentUseCase } from './artifacts/get-artifact-content.use-case';
import { AuthenticateApiKeyUseCase } from './auth/authenticate-api-key.use-case';
import { CancelTaskUseCase } from './tasks/cancel-task.use-case';
import { CreateTaskUseCase } from './tasks/create-task.use-case';
import { GetTaskUseCase } from './tasks/get-task.use-case';
import { ListEventsUseCase } from './tasks/list-events.use-case';
import { ListStepsUseCase } from './tasks/list-steps.use-case';
import { ListTasksUseCase } from './tasks/list-tasks.use-case';
import { TaskPresenter } from './tasks/task.presenter';
import { TaskUrlChecker } from './tasks/task-url.checker';
import { ListWebhookDeliveriesUseCase } from './webhooks/list-webhook-deliveries.use-case';
import { ResendWebhookUseCase } from './webhooks/resend-webhook.use-case';
import { RotateWebhookSecretUseCase } from './webhooks/rotate-webhook-secret.use-case';
import { WebhookPresenter } from './webhooks/webhook.presenter';

export interface ApiModuleOptions extends ApiOptions {
  artifactClient: ArtifactClientConfig;
  /** Internal hosts task URLs may point to anyway (TASK_URL_ALLOWED_HOSTS). */
  taskUrlAllowList: HostAllowList;
  /** Internal hosts webhook URLs may point to anyway (WEBHOOK_ALLOWED_HOSTS). */
  webhookAllowList: HostAllowList;
  /** Encrypts webhook signing secrets at rest (WEBHOOK_SECRET_KEY); clear text when unset. */
  webhookSecretKey: string | undefined;
}

/** What the gateway's controllers need: every use case, the presenter, and the API-key check. */
export const API_PROVIDERS = [
  AuthenticateApiKeyUseCase,
  CreateTaskUseCase,
  GetTaskUseCase,
  ListStepsUseCase,
  ListEventsUseCase,
  ListTasksUseCase,
  CancelTaskUseCase,
  GetArtifactContentUseCase,
  ListWebhookDeliveriesUseCase,
  ResendWebhookUseCase,
  RotateWebhookSecretUseCase,
  ListPlanCacheUseCase,
  TaskPresenter,
  WebhookPresenter,
] as const;

/**
 * The gateway's domain: auth and the task and artifact use cases. Needs a TypeORM connection
 * (`TypeOrmModule.forRoot`) and `MessagingModule.forRoot` in the importing app.
 */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
      providers: [
        { provide: API_OPTIONS, useValue: { publicBaseUrl: options.publicBaseUrl } satisfies ApiOptions },
        { provide: ArtifactClient, useFactory: () => ArtifactClient.fromConfig(options.artifactClient) },
        {
          provide: TaskUrlChecker,
          useFactory: () =>
            new TaskUrlChecker(
              new AddressGuard({ allowList: options.taskUrlAllowList, setting: 'TASK_URL_ALLOWED_HOSTS' }),
              new AddressGuard({ allowList: options.webhookAllowList, setting: 'WEBHOOK_ALLOWED_HOSTS' }),
            ),
        },
        {
          provide: WebhookSecretStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new WebhookSecretStore(dataSource, new WebhookSecretCipher(options.webhookSecretKey)),
        },
        ...API_PROVIDERS,
      ],
      exports: [...API_PROVIDERS],
    };
  }
}
