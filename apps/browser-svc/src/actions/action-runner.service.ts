import { Inject, Injectable } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import {
  ActionEffects,
  ActionExecutor,
  BrowserSessionManager,
  mostlyLocal,
  PageScraper,
  UrlFileFetcher,
  type BrowserConfig,
  type BrowserSession,
} from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';
import { BROWSER_CONFIG } from '../browser/browser.tokens';
import { ArtifactDownloadSink } from '../downloads/artifact-download.sink';
import type { CommandState } from '../sessions/command-record';
import { SessionCommands } from '../sessions/session-commands';
import { SessionStates } from '../sessions/session-states';
import { ArtifactUploadResolver } from './artifact-upload.resolver';

/** Result code of a redelivered action whose first run started but never produced a result. */
export const ACTION_OUTCOME_UNKNOWN = 'ACTION_OUTCOME_UNKNOWN';

/** The step an action belongs to: its downloads are stored under it. */
export interface ActionStep {
  orgId: string;
  stepIndex: number;
  /** More actions of the same command run right after this one. */
  thenMore?: boolean;
}

/**
 * Executes an action in the run's session; closing the session aborts it (its signal fires). The result
 * also reports the tabs the action opened, the dialogs it met and the files it downloaded (stored here).
 * Idempotent by command id: the action is recorded as started before it runs, and a redelivery gets the
 * first run's result (awaited while in flight) without touching the page.
 */
@Injectable()
export class ActionRunner {
  private readonly urls: UrlFileFetcher;

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly executor: ActionExecutor,
    private readonly scraper: PageScraper,
    private readonly artifacts: ArtifactClient,
    private readonly commands: SessionCommands,
    private readonly states: SessionStates,
    @Inject(BROWSER_CONFIG) private readonly config: BrowserConfig,
  ) {
    this.urls = new UrlFileFetcher({ timeoutMs: config.navigationTimeoutMs });
  }

  async run(commandId: string, taskId: string, action: BrowserActionV1, step: ActionStep): Promise<ActionResultV1> {
    const earlier = this.commands.find(taskId)?.actions.get(commandId);
    if (earlier) return this.replay(earlier, taskId);
    const session = this.sessions.get(taskId); // a process that lost its record lost the session too
    return this.commands.of(taskId).actions.start(commandId, () => this.execute(session, action, step));
  }

  /**
   * The first run's result; a first run that failed retryably may have acted on the page, so it is
   * reported as outcome unknown and the loop re-scrapes instead of acting again.
   */
  private async replay(earlier: CommandState<ActionResultV1>, taskId: string): Promise<ActionResultV1> {
    let error: unknown;
    switch (earlier.status) {
      case 'done':
        return earlier.value;
      case 'running':
        try {
          return await earlier.promise;
        } catch (e) {
          error = e;
        }
        break;
      case 'failed':
        error = earlier.error;
        break;
    }
    const info = toErrorInfo(error);
    if (info.terminal) throw error;
    return {
      success: false,
      outcome: 'unknown',
      error: {
        code: ACTION_OUTCOME_UNKNOWN,
        message: `A delivery of this action started and failed without a result (${info.code}: ${info.message}); it may have taken effect and is not run again`,
      },
      url: this.sessions.get(taskId).page.url(),
      durationMs: 0,
    };
  }

  private async execute(session: BrowserSession, action: BrowserActionV1, step: ActionStep): Promise<ActionResultV1> {
    const taskId = session.taskId;
    await this.scraper.dropReadAhead(session); // it would read the page while the action changes it
    const urlBefore = session.page.url();
    const effects = ActionEffects.watch(session, this.config);
    try {
      const files = new ArtifactUploadResolver(this.artifacts, this.urls, step.orgId);
      const result = await this.executor.execute(session, action, session.signal, { files });
      const sink = new ArtifactDownloadSink(this.artifacts, { ...step, taskId });
      const completed = await effects.complete(result, sink, session.signal);
      // Before the result, so a recovery after it finds the state. Not after typing, choosing or checking with
      // more of the command to come, on the same URL: what a snapshot holds (URL, cookies, local storage) is
      // what such an action leaves alone, and the command's last action saves it anyway (~5 ms each).
      if (!(step.thenMore && result.success && mostlyLocal(action) && session.page.url() === urlBefore))
        await this.states.save(taskId, session.signal);
      return completed;
    } finally {
      effects.dispose();
    }
  }
}
