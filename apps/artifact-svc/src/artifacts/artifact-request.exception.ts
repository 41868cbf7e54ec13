import { DomainException } from '@webbyflow/common';

export enum ArtifactRequestExceptionCode {
  /** A header or query parameter is missing or malformed; the message names it. */
  INVALID_PARAMETER = 'INVALID_PARAMETER',
  /** The request body could not be read (aborted, bad encoding). */
  INVALID_BODY = 'INVALID_BODY',
}

/** A request to the internal API that the adapters refuse before any use-case runs. */
export class ArtifactRequestException extends DomainException<ArtifactRequestExceptionCode> {
  readonly terminal = true;
}
