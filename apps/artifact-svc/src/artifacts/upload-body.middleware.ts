import { finished } from 'node:stream/promises';
import { ArtifactException, ArtifactExceptionCode } from '@webbyflow/artifacts';
import type { DomainException } from '@webbyflow/common';
import { raw, type Request, type RequestHandler } from 'express';
import { ArtifactRequestException, ArtifactRequestExceptionCode } from './artifact-request.exception';

/** What the parser made of each request it saw: the bytes, or the failure to throw. */
const outcomes = new WeakMap<Request, Buffer | DomainException>();

function toUploadException(error: unknown, maxBytes: number): DomainException {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new ArtifactException(ArtifactExceptionCode.TOO_LARGE, `Artifact is over the limit of ${maxBytes} bytes`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ArtifactRequestException(
    ArtifactRequestExceptionCode.INVALID_BODY,
    `Request body could not be read: ${detail}`,
  );
}

/**
 * Reads an upload's body as raw bytes of any content type, up to `maxBytes`. A failure is kept for the
 * controller to throw, so that the one exception filter answers it (plain Express errors would skip it).
 */
export function uploadBodyParser(maxBytes: number): RequestHandler {
  const parse = raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    parse(req, res, (error?: unknown) => {
      if (!error) {
        // No body at all (no Content-Length, no chunks) leaves req.body undefined: an empty artifact.
        outcomes.set(req, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
        return next();
      }
      outcomes.set(req, toUploadException(error, maxBytes));
      // Drain what the client still sends: it then reads the answer, and no later parser touches the body.
      req.resume();
      finished(req).then(
        () => next(),
        () => next(),
      );
    });
  };
}

/** The bytes `uploadBodyParser` read; throws what made it fail. */
export function uploadBodyOf(req: Request): Buffer {
  const outcome = outcomes.get(req);
  // A wiring bug, not a client's: without the parser a body would be lost or re-encoded by Nest's parsers.
  if (outcome === undefined) throw new Error('uploadBodyParser did not run: call configureHttp(app) before listen');
  if (Buffer.isBuffer(outcome)) return outcome;
  throw outcome;
}
