import { createHash } from 'node:crypto';
import { ArtifactClient, ArtifactClientException } from '@webbyflow/artifact-client';
import {
  BrowserException,
  BrowserExceptionCode,
  DEFAULT_UPLOAD_MAX_BYTES,
  type UploadFile,
  type UploadFileResolver,
  type UrlFileFetcher,
} from '@webbyflow/browser';
import type { UploadSourceV1 } from '@webbyflow/contracts';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/html': '.html',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/**
 * The bytes of upload_file sources for one org: artifacts from artifact-svc (only the org's own), URLs
 * through the size-capped fetcher. Every failure is UPLOAD_FAILED, so the page is never touched.
 */
export class ArtifactUploadResolver implements UploadFileResolver {
  constructor(
    private readonly artifacts: ArtifactClient,
    private readonly urls: UrlFileFetcher,
    private readonly orgId: string,
    private readonly maxBytes = DEFAULT_UPLOAD_MAX_BYTES,
  ) {}

  async resolve(source: UploadSourceV1, signal: AbortSignal): Promise<UploadFile> {
    if ('url' in source) return this.urls.fetch(source.url, source.fileName, signal);
    try {
      return await this.artifact(source.artifactId, signal);
    } catch (error) {
      signal.throwIfAborted();
      if (!(error instanceof ArtifactClientException)) throw error;
      throw new BrowserException(
        BrowserExceptionCode.UPLOAD_FAILED,
        `Could not fetch artifact ${source.artifactId} for the upload: ${error.message}`,
        { cause: error },
      );
    }
  }

  private async artifact(artifactId: string, signal: AbortSignal): Promise<UploadFile> {
    const { contentType, sizeBytes, sha256, stream } = await this.artifacts.openStream(artifactId, this.orgId, signal);
    if (sizeBytes > this.maxBytes) {
      stream.destroy();
      throw this.failed(artifactId, `it is ${sizeBytes} bytes, over the upload limit of ${this.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const buffer = Buffer.concat(chunks);
    if (buffer.length !== sizeBytes || createHash('sha256').update(buffer).digest('hex') !== sha256)
      throw this.failed(artifactId, 'its bytes do not match its size and sha256');
    const mimeType = contentType.split(';')[0].trim() || 'application/octet-stream';
    // Artifacts carry no file name: name it after the id, with the extension its type implies.
    return { name: `artifact-${artifactId.slice(0, 8)}${EXTENSIONS[mimeType] ?? ''}`, mimeType, buffer };
  }

  private failed(artifactId: string, reason: string): BrowserException {
    return new BrowserException(
      BrowserExceptionCode.UPLOAD_FAILED,
      `Could not use artifact ${artifactId} for the upload: ${reason}`,
    );
  }
}
