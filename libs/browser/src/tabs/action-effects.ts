import type { ActionResultV1 } from '@webbyflow/contracts';
import type { BrowserConfig } from '../browser.config';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { BrowserSession } from '../browser-session';
import { DownloadCollector, type CollectedDownloads } from '../downloads/download-collector';
import type { DownloadSink } from '../downloads/download-sink';
import type { SessionWatch } from './session-watch';

export type ActionEffectsConfig = Pick<BrowserConfig, 'settleTimeoutMs' | 'maxDownloadBytes' | 'downloadTimeoutMs'>;

const NO_DOWNLOADS: CollectedDownloads = { stored: [], failed: [] };

/**
 * What one action did beyond its own page: the tabs it opened, the dialogs it met and the files it
 * downloaded. Start it before the action; `complete` stores the downloads and adds it all to the result.
 */
export class ActionEffects {
  private readonly watch: SessionWatch;

  private constructor(
    private readonly session: BrowserSession,
    private readonly config: ActionEffectsConfig,
  ) {
    this.watch = session.watch();
  }

  static watch(session: BrowserSession, config: ActionEffectsConfig): ActionEffects {
    return new ActionEffects(session, config);
  }

  /**
   * Waits (up to the settle cap) for tabs the action opened to parse their document, stores its downloads
   * through `sink`, and returns the result with tabs, dialogs and downloads. Throws only when the session
   * went away or `signal` aborted.
   */
  async complete(result: ActionResultV1, sink: DownloadSink, signal?: AbortSignal): Promise<ActionResultV1> {
    this.watch.stop();
    const parent = signal ? AbortSignal.any([this.session.signal, signal]) : this.session.signal;
    let downloads = NO_DOWNLOADS;
    try {
      await this.settleOpenedTabs(parent);
      if (this.watch.downloads.length > 0) {
        downloads = await new DownloadCollector(this.config).collect(this.watch.downloads, sink, parent);
      }
    } catch (error) {
      this.session.assertUsable();
      throw new BrowserException(BrowserExceptionCode.ABORTED, 'Collecting the effects of the action was aborted', {
        cause: error,
      });
    }
    return this.merge(result, downloads);
  }

  dispose(): void {
    this.watch.stop();
  }

  private async settleOpenedTabs(signal: AbortSignal): Promise<void> {
    const opened = this.watch.openedTabs.flatMap((id) => (this.session.tabs.ids.includes(id) ? [id] : []));
    await Promise.all(
      opened.map((id) =>
        this.session.tabs
          .get(id)
          .page.waitForLoadState('domcontentloaded', { timeout: this.config.settleTimeoutMs, signal })
          .catch(() => undefined),
      ),
    );
    signal.throwIfAborted();
  }

  private merge(result: ActionResultV1, downloads: CollectedDownloads): ActionResultV1 {
    const { tabs } = this.session;
    const { openedTabs, dialogs } = this.watch;
    return {
      ...result,
      // a popup that opened after the executor looked has become the active tab
      url: this.session.page.url(),
      ...(tabs.size > 1 ? { tabId: tabs.active.id } : {}),
      ...(openedTabs.length > 0 ? { openedTabs: [...openedTabs] } : {}),
      ...(dialogs.length > 0 ? { dialogs: [...dialogs] } : {}),
      ...(downloads.stored.length > 0 ? { downloads: downloads.stored } : {}),
      ...(downloads.failed.length > 0 ? { failedDownloads: downloads.failed } : {}),
    };
  }
}
