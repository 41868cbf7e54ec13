import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { OnMessage } from '@webbyflow/messaging';
import { AdmissionService, AgentLoopService, RecoveryCoordinator } from '@webbyflow/orchestration';

type On<S extends Parameters<typeof OnMessage>[0]> = Envelope<PayloadOf<S>>;

/** Feeds the events of the other services into the agent loop. */
@Injectable()
export class RunEventsConsumer {
  constructor(
    private readonly loop: AgentLoopService,
    private readonly admission: AdmissionService,
    private readonly recovery: RecoveryCoordinator,
  ) {}

  @OnMessage('webbyflow.evt.browser.session_opened.v1')
  async sessionOpened(message: On<'webbyflow.evt.browser.session_opened.v1'>) {
    // A replacement session the recovery coordinator asked for continues the run; any other goes to the loop.
    if (await this.recovery.onSessionOpened(message)) return;
    return this.loop.onSessionOpened(message);
  }

  @OnMessage('webbyflow.evt.browser.page_scraped.v1')
  pageScraped(message: On<'webbyflow.evt.browser.page_scraped.v1'>) {
    return this.loop.onPageScraped(message);
  }

  @OnMessage('webbyflow.evt.llm.plan_generated.v1')
  async planGenerated(message: On<'webbyflow.evt.llm.plan_generated.v1'>) {
    await this.loop.onPlanGenerated(message);
    await this.recovery.onPlanGenerated(message); // a planned step settles the run's open recovery attempts
  }

  @OnMessage('webbyflow.evt.llm.completion_checked.v1')
  completionChecked(message: On<'webbyflow.evt.llm.completion_checked.v1'>) {
    return this.loop.onCompletionChecked(message);
  }

  @OnMessage('webbyflow.evt.browser.action_executed.v1')
  actionExecuted(message: On<'webbyflow.evt.browser.action_executed.v1'>) {
    return this.loop.onActionExecuted(message);
  }

  @OnMessage('webbyflow.evt.browser.failed.v1')
  async browserFailed(message: On<'webbyflow.evt.browser.failed.v1'>) {
    // A full browser is not the run's fault: admission puts it back in the queue.
    if (await this.admission.requeueOnSessionLimit(message)) return;
    return this.recovery.onServiceFailed(message);
  }

  @OnMessage('webbyflow.evt.llm.failed.v1')
  llmFailed(message: On<'webbyflow.evt.llm.failed.v1'>) {
    return this.recovery.onServiceFailed(message);
  }

  @OnMessage('webbyflow.evt.artifact.failed.v1')
  artifactFailed(message: On<'webbyflow.evt.artifact.failed.v1'>) {
    return this.recovery.onServiceFailed(message);
  }
}
