import { Injectable } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import {
  BrowserException,
  BrowserExceptionCode,
  BrowserSessionManager,
  PageScraper,
  type BrowserSession,
} from '@webbyflow/browser';
import type { ArtifactKindV1, ArtifactRefV1 } from '@webbyflow/contracts';
import { SessionCommands } from '../sessions/session-commands';

export interface CaptureRequest {
  orgId: string;
  taskId: string;
  stepIndex: number;
  /** Overrides the tree's token budget for this scrape (after "prompt too long"). */
  treeTokenBudget?: number;
}

/** A scraped page as references to its stored element tree, screenshot and HTML. */
export interface PageCapture {
  url: string;
  title: string;
  elementCount: number;
  elementTree: ArtifactRefV1;
  screenshot: ArtifactRefV1;
  html: ArtifactRefV1;
}

/**
 * Scrapes the run's page and stores what it produced through artifact-svc; bytes never go on NATS. A
 * redelivered scrape gets the first one's capture (awaited while in flight); a failed one is scraped again.
 */
@Injectable()
export class PageCaptureService {
  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly scraper: PageScraper,
    private readonly artifacts: ArtifactClient,
    private readonly commands: SessionCommands,
  ) {}

  /** Starts the scrape the run will ask for next (after opening, after actions); see PageScraper.readAhead. */
  readAhead(taskId: string): void {
    const session = this.sessions.find(taskId);
    if (session) this.scraper.readAhead(session);
  }

  async capture(commandId: string, request: CaptureRequest): Promise<PageCapture> {
    const earlier = this.commands.find(request.taskId)?.scrapes.get(commandId);
    if (earlier?.status === 'done') return earlier.value;
    if (earlier?.status === 'running') return earlier.promise;
    const session = this.sessions.get(request.taskId);
    return this.commands.of(request.taskId).scrapes.start(commandId, () => this.scrape(session, request));
  }

  private async scrape(session: BrowserSession, request: CaptureRequest): Promise<PageCapture> {
    const read = await this.scraper.read(session, { treeTokenBudget: request.treeTokenBudget });
    const { tree } = read;
    // A session closed meanwhile aborts the uploads too. The tree and HTML are stored while the screenshot is taken.
    const { orgId, taskId, stepIndex } = request;
    const upload = (kind: ArtifactKindV1, contentType: string, body: Buffer) =>
      this.artifacts.upload({ orgId, taskId, stepIndex, kind, contentType, body }, session.signal);
    const [elementTree, htmlRef, screenshotRef] = await Promise.all([
      upload('element_tree', 'application/json', Buffer.from(JSON.stringify(tree), 'utf8')),
      upload('html', 'text/html; charset=utf-8', read.html),
      read.screenshot.then((screenshot) => {
        if (!screenshot)
          throw new BrowserException(BrowserExceptionCode.SCRAPE_FAILED, 'The scrape took no screenshot');
        return upload('screenshot', screenshot.contentType, screenshot.bytes);
      }),
    ]);
    return {
      url: tree.url,
      title: tree.title,
      elementCount: tree.elements.length,
      elementTree,
      screenshot: screenshotRef,
      html: htmlRef,
    };
  }
}
