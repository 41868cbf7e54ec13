import type { UploadSourceV1 } from '@webbyflow/contracts';

/** One file as `setInputFiles` takes it. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Fetches the bytes of an upload_file source. browser-svc implements it (artifacts come from artifact-svc
 * through its client, URLs through UrlFileFetcher), so this lib never depends on the artifact client.
 * Failures are BrowserException UPLOAD_FAILED; `signal` is the action's deadline.
 */
export interface UploadFileResolver {
  resolve(source: UploadSourceV1, signal: AbortSignal): Promise<UploadFile>;
}
