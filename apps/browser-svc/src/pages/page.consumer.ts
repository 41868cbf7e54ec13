import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { PageCaptureService } from './page-capture.service';
import { RESULT_PUBLISH_RETRY_MS } from '../sessions/session-commands';

type ScrapePage = Envelope<PayloadOf<'webbyflow.cmd.browser.scrape_page.v1'>>;

/** Scrapes the run's current page into stored artifacts and reports their references. */
@Injectable()
export class PageConsumer {
  constructor(
    private readonly pages: PageCaptureService,
    private readonly bus: MessageBus,
  ) {}

  @OnMessage('webbyflow.cmd.browser.scrape_page.v1')
  async scrape(message: ScrapePage): Promise<void> {
    const { taskId, stepIndex, treeTokenBudget } = message.payload;
    const capture = await this.pages.capture(message.id, { orgId: message.orgId, taskId, stepIndex, treeTokenBudget });
    await this.bus.publish(
      'webbyflow.evt.browser.page_scraped.v1',
      { taskId, stepIndex, ...capture },
      causedBy(message, `${taskId}:s${stepIndex}:page_scraped`),
      { retryForMs: RESULT_PUBLISH_RETRY_MS },
    );
  }
}
