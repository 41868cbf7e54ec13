import { withDeadline } from '@webbyflow/common';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import { parseNavigableUrl } from '../page-navigation';
import type { UploadFile } from './upload-file.resolver';

export interface UrlFileFetcherOptions {
  /** Largest file accepted; artifact-svc's ARTIFACT_MAX_BYTES default, so an upload is never bigger than an artifact. */
  maxBytes?: number;
  /** Deadline of one download, headers and body. */
  timeoutMs?: number;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Downloads the file of an upload_file URL source with a size cap and a deadline. */
export class UrlFileFetcher {
  private readonly maxBytes: number;
  private readonly timeoutMs: number;

  constructor(options: UrlFileFetcherOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async fetch(url: string, fileName: string | undefined, signal: AbortSignal): Promise<UploadFile> {
    const target = parseNavigableUrl(url);
    try {
      return await withDeadline(
        `download of ${target.href}`,
        this.timeoutMs,
        (s) => this.get(target, fileName, s),
        signal,
      );
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof BrowserException) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new BrowserException(BrowserExceptionCode.UPLOAD_FAILED, `Could not download ${target.href}: ${reason}`, {
        cause: error,
      });
    }
  }

  private async get(url: URL, fileName: string | undefined, signal: AbortSignal): Promise<UploadFile> {
    const response = await fetch(url, { signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      throw this.failed(url, `the server answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.maxBytes) {
      await response.body?.cancel();
      throw this.tooLarge(url, declared);
    }
    const buffer = await this.readCapped(url, response);
    return {
      name: fileName ?? fileNameOf(url, response.headers.get('content-disposition')),
      mimeType: (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim(),
      buffer,
    };
  }

  /** Reads the body, stopping as soon as it passes the cap (Content-Length may be absent or wrong). */
  private async readCapped(url: URL, response: Response): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (!response.body) return Buffer.alloc(0);
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel();
        throw this.tooLarge(url);
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }

  private tooLarge(url: URL, size?: number): BrowserException {
    const what = size === undefined ? 'is larger than' : `is ${size} bytes, over`;
    return this.failed(url, `the file ${what} the upload limit of ${this.maxBytes} bytes`);
  }

  private failed(url: URL, reason: string): BrowserException {
    return new BrowserException(BrowserExceptionCode.UPLOAD_FAILED, `Could not download ${url.href}: ${reason}`);
  }
}

/** The file name from Content-Disposition, else the URL's last path segment, else `download`. */
export function fileNameOf(url: URL, disposition: string | null): string {
  const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const fromPath = url.pathname.split('/').filter(Boolean).pop();
  const raw = quoted || fromPath || 'download';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep the raw name: a stray % is not worth failing an upload for
  }
  return name.replace(/[\\/\0]/g, '_').slice(0, 255);
}
