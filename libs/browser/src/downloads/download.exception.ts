import { DomainException } from '@webbyflow/common';

/** Why a download was not stored; it travels as FailedDownloadV1.code, never as a thrown error. */
export enum DownloadExceptionCode {
  TOO_LARGE = 'DOWNLOAD_TOO_LARGE',
  /** Chromium reported the download failed or canceled. */
  FAILED = 'DOWNLOAD_FAILED',
  TIMEOUT = 'DOWNLOAD_TIMEOUT',
  /** The sink (artifact store) refused or could not take it. */
  NOT_STORED = 'DOWNLOAD_NOT_STORED',
}

export class DownloadException extends DomainException<DownloadExceptionCode> {
  /** Downloading the same file again would fail the same way. */
  readonly terminal = true;
}
