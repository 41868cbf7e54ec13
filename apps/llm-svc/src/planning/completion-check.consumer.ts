import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { PlanStepService } from './plan-step.service';

type CheckCommand = Envelope<PayloadOf<'webbyflow.cmd.llm.check_completion.v1'>>;

/** Answers check_completion with completion_checked; failures go the way of plan_step's (see PlanConsumer). */
@Injectable()
export class CompletionCheckConsumer {
  constructor(
    private readonly steps: PlanStepService,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.llm.check_completion.v1')
  async check(message: CheckCommand): Promise<void> {
    const { taskId, stepIndex } = message.payload;
    const verdict = await this.steps.check(message.payload, message.orgId);
    await this.bus.publish(
      'webbyflow.evt.llm.completion_checked.v1',
      {
        taskId,
        stepIndex,
        met: verdict.met,
        reason: verdict.reason,
        provider: verdict.provider,
        model: verdict.model,
        inputTokens: verdict.inputTokens,
        outputTokens: verdict.outputTokens,
        cachedTokens: verdict.cachedTokens,
        costUsd: verdict.costUsd,
        fallback: verdict.fallback,
        calls: verdict.calls,
      },
      causedBy(message, `${taskId}:s${stepIndex}:completion_checked`),
    );
  }
}
