import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { ActionRunner } from './action-runner.service';
import { parseBrowserAction } from './browser-action.parser';
import { RESULT_PUBLISH_RETRY_MS } from '../sessions/session-commands';

type ExecuteAction = Envelope<PayloadOf<'webbyflow.cmd.browser.execute_action.v1'>>;

/**
 * Runs the command's action on the run's page, then each action that follows it while the one before
 * succeeded. An expected failure (unknown id, hidden element, timeout) is a result with `success: false`
 * and ends the command; a lost or closed session throws and becomes `browser.failed`. Each action has its
 * own command record (the first under the message id, a following one under `<message id>:a<index>`), so a
 * redelivered command reports what already ran and does not act again.
 */
@Injectable()
export class ActionConsumer {
  constructor(
    private readonly actions: ActionRunner,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.browser.execute_action.v1')
  async execute(message: ExecuteAction): Promise<void> {
    const { taskId, stepIndex, actionIndex, action, following = [] } = message.payload;
    const batch = [{ actionIndex, action, commandId: message.id }];
    for (const next of following) batch.push({ ...next, commandId: `${message.id}:a${next.actionIndex}` });
    for (const item of batch) {
      const parsed = parseBrowserAction(item.action);
      const result = await this.actions.run(item.commandId, taskId, parsed, { orgId: message.orgId, stepIndex });
      await this.bus.publish(
        'webbyflow.evt.browser.action_executed.v1',
        { taskId, stepIndex, actionIndex: item.actionIndex, actionType: parsed.type, result },
        causedBy(message, `${taskId}:s${stepIndex}:a${item.actionIndex}:action_executed`),
        { retryForMs: RESULT_PUBLISH_RETRY_MS },
      );
      if (!result.success) return;
    }
  }
}
