import { DomainException } from '@webbyflow/common';
import { StorageException, StorageExceptionCode } from './storage/storage.exception';

export enum ArtifactExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  TOO_LARGE = 'TOO_LARGE',
  INVALID_KEY = 'INVALID_KEY',
  INVALID_CONTENT_TYPE = 'INVALID_CONTENT_TYPE',
  STORAGE_FAILED = 'STORAGE_FAILED',
}

const STORAGE_TO_ARTIFACT: Readonly<Record<StorageExceptionCode, ArtifactExceptionCode>> = {
  [StorageExceptionCode.NOT_FOUND]: ArtifactExceptionCode.NOT_FOUND,
  [StorageExceptionCode.INVALID_KEY]: ArtifactExceptionCode.INVALID_KEY,
  [StorageExceptionCode.INVALID_CONTENT_TYPE]: ArtifactExceptionCode.INVALID_CONTENT_TYPE,
  [StorageExceptionCode.TOO_LARGE]: ArtifactExceptionCode.TOO_LARGE,
  [StorageExceptionCode.FAILED]: ArtifactExceptionCode.STORAGE_FAILED,
};

/** What ArtifactService throws; only STORAGE_FAILED (disk, network, database) is worth retrying. */
export class ArtifactException extends DomainException<ArtifactExceptionCode> {
  readonly terminal: boolean;

  constructor(code: ArtifactExceptionCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.terminal = code !== ArtifactExceptionCode.STORAGE_FAILED;
  }

  /** The artifact-level view of a storage failure; anything that is not a StorageException is STORAGE_FAILED. */
  static fromStorage(error: unknown): ArtifactException {
    if (!(error instanceof StorageException)) {
      const detail = error instanceof Error ? error.message : String(error);
      return new ArtifactException(ArtifactExceptionCode.STORAGE_FAILED, `Storage failed: ${detail}`, { cause: error });
    }
    return new ArtifactException(STORAGE_TO_ARTIFACT[error.code], error.message, { cause: error });
  }
}
