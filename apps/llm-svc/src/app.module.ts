import type { NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Module } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import {
  CompletionChecker,
  isModelConfigured,
  LlmPlannerService,
  ModelRouter,
  PlannerSelector,
  toLlmConfig,
} from '@webbyflow/llm';
import { MessagingModule, NATS_CONNECTION } from '@webbyflow/messaging';
import { createLoggerModule, HealthModule } from '@webbyflow/runtime';
import { LLM_SVC_CONFIG, type LlmSvcConfig } from './config/llm-svc.config';
import { CompletionCheckConsumer } from './planning/completion-check.consumer';
import { PlanConsumer } from './planning/plan.consumer';
import { PlanStepService } from './planning/plan-step.service';

@Module({})
export class AppModule {
  static forRoot(config: LlmSvcConfig): DynamicModule {
    const llm = toLlmConfig(config);
    const modelConfigured = isModelConfigured(config);
    return {
      module: AppModule,
      imports: [
        createLoggerModule('llm-svc', config),
        MessagingModule.forRoot({ service: 'llm', instanceId: config.INSTANCE_ID, config }),
        HealthModule.forRoot({
          inject: [NATS_CONNECTION],
          useFactory: (indicator, nc: NatsConnection) => [
            () =>
              nc.isClosed()
                ? indicator.check('nats').down({ reason: 'connection closed' })
                : indicator.check('nats').up(),
            // No model call here: a probe must not spend tokens; this reports what plans will use.
            () =>
              modelConfigured
                ? indicator.check('llm').up({
                    provider: llm.provider,
                    model: llm.model,
                    fallbacks: llm.fallbacks.map((f) => `${f.provider}:${f.model}`),
                    planner: config.PLANNER_DEFAULT,
                  })
                : indicator.check('llm').up({ model: 'none', planner: 'heuristic' }),
          ],
        }),
      ],
      providers: [
        { provide: LLM_SVC_CONFIG, useValue: config },
        { provide: ArtifactClient, useFactory: () => ArtifactClient.fromConfig(config) },
        // One router: the planner and the checker share clients and per-server limits.
        { provide: ModelRouter, useFactory: () => new ModelRouter(llm) },
        {
          provide: LlmPlannerService,
          inject: [ModelRouter],
          useFactory: (r: ModelRouter) => new LlmPlannerService(r, llm),
        },
        {
          provide: CompletionChecker,
          inject: [ModelRouter],
          useFactory: (r: ModelRouter) => new CompletionChecker(r, llm),
        },
        {
          provide: PlannerSelector,
          inject: [LlmPlannerService],
          // with no model configured the LLM planner is never called: `auto` is the heuristic alone
          useFactory: (model: LlmPlannerService) =>
            new PlannerSelector(modelConfigured ? model : null, {
              minConfidence: config.HEURISTIC_MIN_CONFIDENCE,
              defaultMode: config.PLANNER_DEFAULT,
            }),
        },
        PlanStepService,
        PlanConsumer,
        CompletionCheckConsumer,
      ],
    };
  }
}
