import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { PlanStepService } from './plan-step.service';

type PlanStepCommand = Envelope<PayloadOf<'webbyflow.cmd.llm.plan_step.v1'>>;

/**
 * Answers plan_step with plan_generated. LlmException decides retry vs give-up once every model of the chain has
 * failed: PLAN_INVALID, PROVIDER_AUTH and PROVIDER_REJECTED are terminal (`llm.failed` at once), PROVIDER_ERROR is
 * redelivered with backoff.
 */
@Injectable()
export class PlanConsumer {
  constructor(
    private readonly steps: PlanStepService,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.llm.plan_step.v1')
  async plan(message: PlanStepCommand): Promise<void> {
    const { taskId, stepIndex } = message.payload;
    const plan = await this.steps.plan(message.payload, message.orgId);
    await this.bus.publish(
      'webbyflow.evt.llm.plan_generated.v1',
      {
        taskId,
        stepIndex,
        actions: plan.actions,
        reasoning: plan.reasoning,
        provider: plan.provider,
        model: plan.model,
        inputTokens: plan.inputTokens,
        outputTokens: plan.outputTokens,
        attempts: plan.attempts,
        planner: plan.planner,
        ...(plan.confidence === undefined ? {} : { confidence: plan.confidence }),

        cachedTokens: plan.cachedTokens,
        costUsd: plan.costUsd,
        fallback: plan.fallback,
        calls: plan.calls,
        ...(plan.cache ? { cache: plan.cache } : {}),
        ...(plan.cachedStep ? { cachedStep: plan.cachedStep } : {}),
      },
      causedBy(message, `${taskId}:s${stepIndex}:plan_generated`),
    );
  }
}
