import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { ActionRunner } from './action-runner.service';
import { parseBrowserAction } from './browser-action.parser';
import { RESULT_PUBLISH_RETRY_MS } from '../sessions/session-commands';

type ExecuteAction = Envelope<PayloadOf<'webbyflow.cmd.browser.execute_action.v1'>>;

/**
 * Runs one action on the run's page. An expected failure (unknown id, hidden element, timeout) is a
 * result with `success: false`; a lost or closed session throws and becomes `browser.failed`.
 */
@Injectable()
export class ActionConsumer {
  constructor(
    private readonly actions: ActionRunner,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.browser.execute_action.v1')
  async execute(message: ExecuteAction): Promise<void> {
    const { taskId, stepIndex, actionIndex } = message.payload;
    const action = parseBrowserAction(message.payload.action);
    const result = await this.actions.run(message.id, taskId, action, { orgId: message.orgId, stepIndex });
    await this.bus.publish(
      'webbyflow.evt.browser.action_executed.v1',
      { taskId, stepIndex, actionIndex, actionType: action.type, result },
      causedBy(message, `${taskId}:s${stepIndex}:a${actionIndex}:action_executed`),
      { retryForMs: RESULT_PUBLISH_RETRY_MS },
    );
  }
}
