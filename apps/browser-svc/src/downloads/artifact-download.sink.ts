import { type ArtifactClient, ArtifactClientException, ArtifactClientExceptionCode } from '@webbyflow/artifact-client';
import type { DownloadedFile, DownloadSink } from '@webbyflow/browser';
import type { DownloadRecordV1 } from '@webbyflow/contracts';

/** The step a download belongs to, for its artifact row. */
export interface DownloadOwner {
  orgId: string;
  taskId: string;
  stepIndex: number;
}

/** Stores a page's downloads in artifact-svc as kind `download`, checking the store kept the same bytes. */
export class ArtifactDownloadSink implements DownloadSink {
  constructor(
    private readonly artifacts: ArtifactClient,
    private readonly owner: DownloadOwner,
  ) {}

  async store(file: DownloadedFile, signal: AbortSignal): Promise<DownloadRecordV1> {
    const ref = await this.artifacts.upload(
      { ...this.owner, kind: 'download', contentType: file.contentType, body: file.bytes },
      signal,
    );
    if (ref.sha256 !== file.sha256 || ref.sizeBytes !== file.bytes.length) {
      throw new ArtifactClientException(
        ArtifactClientExceptionCode.INVALID_RESPONSE,
        `artifact-svc stored ${ref.sizeBytes} bytes with sha256 ${ref.sha256}, not the ${file.bytes.length} bytes downloaded`,
      );
    }
    return {
      artifactId: ref.artifactId,
      fileName: file.fileName,
      contentType: ref.contentType,
      sizeBytes: ref.sizeBytes,
      sha256: ref.sha256,
    };
  }
}
