import { DomainException } from '@webbyflow/common';

export enum ArtifactClientExceptionCode {
  /** No such artifact, or it belongs to another org. */
  NOT_FOUND = 'NOT_FOUND',
  /** The body is over artifact-svc's ARTIFACT_MAX_BYTES. */
  TOO_LARGE = 'TOO_LARGE',
  /** artifact-svc refused the request (a bad header, id or content type): a bug of the caller. */
  INVALID_REQUEST = 'INVALID_REQUEST',
  /** Connection refused or reset, a 5xx, or the deadline passed: worth retrying. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** The answer is not what the API promises (shape, size or sha256 mismatch). */
  INVALID_RESPONSE = 'INVALID_RESPONSE',
}

/** What ArtifactClient throws (besides the caller's own abort reason); only UNAVAILABLE is retryable. */
export class ArtifactClientException extends DomainException<ArtifactClientExceptionCode> {
  readonly terminal: boolean;
  /** HTTP status of artifact-svc's answer, when there was one. */
  readonly status: number | undefined;

  constructor(code: ArtifactClientExceptionCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.terminal = code !== ArtifactClientExceptionCode.UNAVAILABLE;
    this.status = options?.status;
  }
}
