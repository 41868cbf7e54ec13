import type { DownloadRecordV1, FailedDownloadV1 } from '@webbyflow/contracts';
import { DeadlineException, withDeadline } from '@webbyflow/common';
import type { Download } from 'playwright-core';
import type { BrowserConfig } from '../browser.config';
import { contentTypeOf, readCapped, safeFileName } from './download-file';
import type { DownloadSink } from './download-sink';
import { DownloadException, DownloadExceptionCode } from './download.exception';

export type DownloadCollectorConfig = Pick<BrowserConfig, 'maxDownloadBytes' | 'downloadTimeoutMs'>;

export interface CollectedDownloads {
  stored: DownloadRecordV1[];
  failed: FailedDownloadV1[];
}

/**
 * Waits for an action's downloads to finish and stores each through the sink, one at a time (at most one
 * file of `maxDownloadBytes` in memory), all under one deadline. A download that fails, is too large or is
 * not finished in time is reported, not thrown; only the caller's abort (the task was cancelled) throws.
 */
export class DownloadCollector {
  constructor(private readonly config: DownloadCollectorConfig) {}

  async collect(downloads: readonly Download[], sink: DownloadSink, signal: AbortSignal): Promise<CollectedDownloads> {
    const result: CollectedDownloads = { stored: [], failed: [] };
    const end = performance.now() + this.config.downloadTimeoutMs;
    for (const download of downloads) {
      const fileName = safeFileName(download.suggestedFilename());
      const left = Math.max(Math.round(end - performance.now()), 1);
      try {
        result.stored.push(
          await withDeadline(`download ${fileName}`, left, (s) => this.store(download, fileName, sink, s), signal),
        );
      } catch (error) {
        if (signal.aborted) throw error;
        result.failed.push({ fileName, ...describeFailure(error) });
        // a download still running when the deadline passed would keep writing to disk
        await download.cancel().catch(() => undefined);
      } finally {
        // the temporary file is no longer needed; `delete` waits for a canceled download to end
        download.delete().catch(() => undefined);
      }
    }
    return result;
  }

  private async store(
    download: Download,
    fileName: string,
    sink: DownloadSink,
    signal: AbortSignal,
  ): Promise<DownloadRecordV1> {
    const failure = await download.failure();
    if (failure !== null)
      throw new DownloadException(DownloadExceptionCode.FAILED, `The browser could not download it: ${failure}`);
    const stream = await download.createReadStream();
    const { bytes, sha256 } = await readCapped(stream, this.config.maxDownloadBytes, signal);
    try {
      return await sink.store(
        { fileName, contentType: contentTypeOf(fileName), url: download.url(), bytes, sha256 },
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new DownloadException(DownloadExceptionCode.NOT_STORED, `Storing the download failed: ${reason}`, {
        cause: error,
      });
    }
  }
}

function describeFailure(error: unknown): Pick<FailedDownloadV1, 'code' | 'message'> {
  if (error instanceof DownloadException) return { code: error.code, message: error.message };
  if (error instanceof DeadlineException)
    return { code: DownloadExceptionCode.TIMEOUT, message: `The download did not finish in time: ${error.message}` };
  return {
    code: DownloadExceptionCode.FAILED,
    message: error instanceof Error ? error.message.split('\n', 1)[0] : String(error),
  };
}
