import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactClient, type ArtifactClientConfig } from '@webbyflow/artifact-client';
import { ApiKeyEntity } from '@webbyflow/persistence';
import { API_OPTIONS, type ApiOptions } from './api.options';
import { GetArtifactContentUseCase } from './artifacts/get-artifact-content.use-case';
import { AuthenticateApiKeyUseCase } from './auth/authenticate-api-key.use-case';
import { CancelTaskUseCase } from './tasks/cancel-task.use-case';
import { CreateTaskUseCase } from './tasks/create-task.use-case';
import { GetTaskUseCase } from './tasks/get-task.use-case';
import { ListEventsUseCase } from './tasks/list-events.use-case';
import { ListStepsUseCase } from './tasks/list-steps.use-case';
import { ListTasksUseCase } from './tasks/list-tasks.use-case';
import { TaskPresenter } from './tasks/task.presenter';

export interface ApiModuleOptions extends ApiOptions {
  artifactClient: ArtifactClientConfig;
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
  TaskPresenter,
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
        ...API_PROVIDERS,
      ],
      exports: [...API_PROVIDERS],
    };
  }
}
