import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { ActionRunner } from './action-runner.service';
import { PageCaptureService } from '../pages/page-capture.service';
import { parseBrowserAction } from './browser-action.parser';
import { RESULT_PUBLISH_RETRY_MS } from '../sessions/session-commands';

type ExecuteAction = Envelope<PayloadOf<'webbyflow.cmd.browser.execute_action.v1'>>;

/**
 * Runs the command's action on the run's page, then each action that follows it while the one before
 * succeeded. An expected failure (unknown id, hidden element, timeout) is a result with `success: false`
 * and ends the command; a lost or closed session throws and becomes `browser.failed`. Each action has its
 * own command record (the first under the message id, a following one under `<message id>:a<index>`), so a
 * redelivered command reports what already ran and does not act again (so a result that could not be published
 * while the next action ran is published again on redelivery). The scrape that usually comes next is
 * started right after the last action (PageScraper.readAhead); an action run first drops it (ActionRunner).
 */
@Injectable()
export class ActionConsumer {
  constructor(
    private readonly actions: ActionRunner,
    private readonly pages: PageCaptureService,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.browser.execute_action.v1')
  async execute(message: ExecuteAction): Promise<void> {
    const { taskId, stepIndex, actionIndex, action, following = [] } = message.payload;
    const batch = [{ actionIndex, action, commandId: message.id }];
    for (const next of following) batch.push({ ...next, commandId: `${message.id}:a${next.actionIndex}` });
    // Each result is published while the next action runs; all must be out before the command is acked.
    const published: Promise<unknown>[] = [];
    try {
      for (const [i, item] of batch.entries()) {
        const parsed = parseBrowserAction(item.action);
        const thenMore = i < batch.length - 1;
        const result = await this.actions.run(item.commandId, taskId, parsed, {
          orgId: message.orgId,
          stepIndex,
          thenMore,
        });
        // The last action of the command: a scrape comes next, most likely. Start it while the result travels.
        if (!result.success || !thenMore) this.pages.readAhead(taskId);
        const publishing = this.bus.publish(
          'webbyflow.evt.browser.action_executed.v1',
          { taskId, stepIndex, actionIndex: item.actionIndex, actionType: parsed.type, result },
          causedBy(message, `${taskId}:s${stepIndex}:a${item.actionIndex}:action_executed`),
          { retryForMs: RESULT_PUBLISH_RETRY_MS },
        );
        publishing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        published.push(publishing);
        if (!result.success) break;
      }
    } finally {
      // Out before whatever this command reports next (a browser.failed, say), in order.
      await Promise.allSettled(published);
    }
    await Promise.all(published);
  }
}
