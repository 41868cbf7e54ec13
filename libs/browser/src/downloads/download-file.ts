import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { DownloadException, DownloadExceptionCode } from './download.exception';

const MAX_FILE_NAME = 255;

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A page-chosen name without path separators or control characters, never empty. */
export function safeFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = suggested.replace(/[/\\\u0000-\u001f\u007f]/g, '_').trim();
  const name = cleaned === '' || cleaned === '.' || cleaned === '..' ? 'download' : cleaned;
  return name.length > MAX_FILE_NAME ? name.slice(name.length - MAX_FILE_NAME) : name;
}

export function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Reads a download into memory, hashing as it goes; stops reading (and throws TOO_LARGE) past `maxBytes`. */
export async function readCapped(
  stream: Readable,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ bytes: Buffer; sha256: string }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of addAbortSignal(signal, stream) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new DownloadException(
        DownloadExceptionCode.TOO_LARGE,
        `The download is over the ${maxBytes}-byte limit, so it was not stored`,
      );
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}
