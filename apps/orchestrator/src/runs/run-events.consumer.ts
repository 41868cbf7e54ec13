import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { OnMessage } from '@webbyflow/messaging';
import { AgentLoopService } from '@webbyflow/orchestration';

type On<S extends Parameters<typeof OnMessage>[0]> = Envelope<PayloadOf<S>>;

/** Feeds the events of the other services into the agent loop. */
@Injectable()
export class RunEventsConsumer {
  constructor(private readonly loop: AgentLoopService) {}

  @OnMessage('webbyflow.evt.browser.session_opened.v1')
  sessionOpened(message: On<'webbyflow.evt.browser.session_opened.v1'>) {
    return this.loop.onSessionOpened(message);
  }

  @OnMessage('webbyflow.evt.browser.page_scraped.v1')
  pageScraped(message: On<'webbyflow.evt.browser.page_scraped.v1'>) {
    return this.loop.onPageScraped(message);
  }

  @OnMessage('webbyflow.evt.llm.plan_generated.v1')
  planGenerated(message: On<'webbyflow.evt.llm.plan_generated.v1'>) {
    return this.loop.onPlanGenerated(message);
  }

  @OnMessage('webbyflow.evt.browser.action_executed.v1')
  actionExecuted(message: On<'webbyflow.evt.browser.action_executed.v1'>) {
    return this.loop.onActionExecuted(message);
  }

  @OnMessage('webbyflow.evt.browser.failed.v1')
  browserFailed(message: On<'webbyflow.evt.browser.failed.v1'>) {
    return this.loop.onServiceFailed(message);
  }

  @OnMessage('webbyflow.evt.llm.failed.v1')
  llmFailed(message: On<'webbyflow.evt.llm.failed.v1'>) {
    return this.loop.onServiceFailed(message);
  }
}
