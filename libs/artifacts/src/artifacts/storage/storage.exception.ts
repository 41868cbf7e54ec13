import { DomainException } from '@webbyflow/common';

export enum StorageExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_KEY = 'INVALID_KEY',
  INVALID_CONTENT_TYPE = 'INVALID_CONTENT_TYPE',
  TOO_LARGE = 'TOO_LARGE',
  FAILED = 'FAILED',
}

/** What a storage driver throws; `FAILED` (I/O, network) is the only retryable code. */
export class StorageException extends DomainException<StorageExceptionCode> {
  readonly terminal: boolean;

  constructor(code: StorageExceptionCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.terminal = code !== StorageExceptionCode.FAILED;
  }
}

/** `error` if it already is a StorageException, else FAILED wrapping it. */
export function toStorageException(error: unknown, action: string): StorageException {
  if (error instanceof StorageException) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageException(StorageExceptionCode.FAILED, `${action} failed: ${detail}`, { cause: error });
}
