import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArtifactService, createArtifactSpool, createStorageDriver, type ArtifactsConfig } from '@webbyflow/artifacts';
import { ArtifactEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { ArtifactController } from './artifact.controller';
import { ArtifactExceptionFilter } from './artifact-exception.filter';
import { ArtifactQueryConsumer } from './artifact-query.consumer';
import { ArtifactSpoolFlusher } from './artifact-spool.flusher';
import { ARTIFACTS_CONFIG } from './artifacts.tokens';
import { StoreArtifactUseCase } from './store-artifact.use-case';

/** The artifact use-cases (libs/artifacts) behind their HTTP and NATS adapters. */
@Module({})
export class ArtifactsModule {
  static forRoot(config: ArtifactsConfig): DynamicModule {
    return {
      module: ArtifactsModule,
      controllers: [ArtifactController],
      providers: [
        {
          provide: ArtifactService,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new ArtifactService(
              dataSource.getRepository(ArtifactEntity),
              createStorageDriver(config),
              createArtifactSpool(config),
              (artifactId, reason) =>
                new Logger(ArtifactService.name).warn(`artifact ${artifactId} refused by the spool: ${reason}`),
            ),
        },
        { provide: ARTIFACTS_CONFIG, useValue: config },
        StoreArtifactUseCase,
        ArtifactSpoolFlusher,
        ArtifactQueryConsumer,
        { provide: APP_FILTER, useClass: ArtifactExceptionFilter },
      ],
    };
  }
}
