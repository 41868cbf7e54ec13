import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { ArtifactHttpError } from '@webbyflow/artifact-client';
import { ArtifactException, ArtifactExceptionCode } from '@webbyflow/artifacts';
import type { Response } from 'express';
import { ArtifactRequestException, ArtifactRequestExceptionCode } from './artifact-request.exception';

function statusOfArtifact(code: ArtifactExceptionCode): HttpStatus {
  switch (code) {
    case ArtifactExceptionCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ArtifactExceptionCode.TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ArtifactExceptionCode.INVALID_KEY:
    case ArtifactExceptionCode.INVALID_CONTENT_TYPE:
      return HttpStatus.BAD_REQUEST;
    case ArtifactExceptionCode.STORAGE_FAILED:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

function statusOfRequest(code: ArtifactRequestExceptionCode): HttpStatus {
  switch (code) {
    case ArtifactRequestExceptionCode.INVALID_PARAMETER:
    case ArtifactRequestExceptionCode.INVALID_BODY:
      return HttpStatus.BAD_REQUEST;
  }
}

/** The one HTTP mapping of artifact-svc's domain errors (STYLE.md §10); the rest goes to Nest's default. */
@Catch(ArtifactException, ArtifactRequestException)
export class ArtifactExceptionFilter implements ExceptionFilter<ArtifactException | ArtifactRequestException> {
  private readonly logger = new Logger(ArtifactExceptionFilter.name);

  catch(exception: ArtifactException | ArtifactRequestException, host: ArgumentsHost): void {
    const statusCode: number =
      exception instanceof ArtifactException ? statusOfArtifact(exception.code) : statusOfRequest(exception.code);
    if (statusCode >= 500) this.logger.error(`${exception.code}: ${exception.message}`, exception.stack);
    const { name, code, message } = exception;
    const body: ArtifactHttpError = { statusCode, name, code, message };
    host.switchToHttp().getResponse<Response>().status(statusCode).json(body);
  }
}
