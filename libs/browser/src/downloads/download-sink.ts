import type { DownloadRecordV1 } from '@webbyflow/contracts';

/** A finished download, read into memory under the size cap. */
export interface DownloadedFile {
  /** The name the page suggested, made safe to store. */
  fileName: string;
  /** Guessed from the file name: Playwright does not expose the response headers of a download. */
  contentType: string;
  /** Where it came from (an http(s), blob: or data: URL). */
  url: string;
  bytes: Buffer;
  /** Hex sha256 of `bytes`, for the sink to check what the store computed. */
  sha256: string;
}

/**
 * Where downloads are stored (browser-svc: artifact-svc, kind `download`). The browser lib only knows this
 * interface, so it does not depend on the artifact client.
 */
export interface DownloadSink {
  store(file: DownloadedFile, signal: AbortSignal): Promise<DownloadRecordV1>;
}
