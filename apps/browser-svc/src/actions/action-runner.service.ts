import { Inject, Injectable } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import {
  ActionEffects,
  ActionExecutor,
  BrowserSessionManager,
  UrlFileFetcher,
  type BrowserConfig,
} from '@webbyflow/browser';
import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';
import { BROWSER_CONFIG } from '../browser/browser.tokens';
import { ArtifactDownloadSink } from '../downloads/artifact-download.sink';
import { ArtifactUploadResolver } from './artifact-upload.resolver';

/** The step an action belongs to: its downloads are stored under it. */
export interface ActionStep {
  orgId: string;
  stepIndex: number;
}

/**
 * Executes an action in the run's session; closing the session aborts it (its signal fires). The result
 * also reports the tabs the action opened, the dialogs it met and the files it downloaded (stored here).
 */
@Injectable()
export class ActionRunner {
  private readonly urls: UrlFileFetcher;

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly executor: ActionExecutor,
    private readonly artifacts: ArtifactClient,
    @Inject(BROWSER_CONFIG) private readonly config: BrowserConfig,
  ) {
    this.urls = new UrlFileFetcher({ timeoutMs: config.navigationTimeoutMs });
  }

  async run(taskId: string, action: BrowserActionV1, step: ActionStep): Promise<ActionResultV1> {
    const session = this.sessions.get(taskId);
    const effects = ActionEffects.watch(session, this.config);
    try {
      const files = new ArtifactUploadResolver(this.artifacts, this.urls, step.orgId);
      const result = await this.executor.execute(session, action, session.signal, { files });
      const sink = new ArtifactDownloadSink(this.artifacts, { ...step, taskId });
      return await effects.complete(result, sink, session.signal);
    } finally {
      effects.dispose();
    }
  }
}
