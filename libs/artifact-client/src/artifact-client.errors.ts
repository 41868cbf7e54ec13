import { DeadlineException, DeadlineExceptionCode } from '@webbyflow/common';
import { ArtifactClientException, ArtifactClientExceptionCode as Code } from './artifact-client.exception';

/** Client code of an error status of artifact-svc. */
export function codeOfStatus(status: number): Code {
  if (status === 404) return Code.NOT_FOUND;
  if (status === 413) return Code.TOO_LARGE;
  if (status >= 500 || status === 408 || status === 429) return Code.UNAVAILABLE;
  if (status >= 400) return Code.INVALID_REQUEST;
  return Code.INVALID_RESPONSE;
}

/** The exception for a non-2xx answer, with artifact-svc's own code and message when it sent them. */
export async function exceptionFromResponse(label: string, response: Response): Promise<ArtifactClientException> {
  const text = await response.text().catch(() => '');
  let detail = text.slice(0, 300);
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') detail = `${body.code}: ${body.message}`;
  } catch {
    // not JSON (a proxy's page, say): keep the text
  }
  const suffix = detail ? `: ${detail}` : '';
  return new ArtifactClientException(codeOfStatus(response.status), `${label} got ${response.status}${suffix}`, {
    status: response.status,
  });
}

/**
 * Any failure of a call as an ArtifactClientException, except the caller's own abort, which is rethrown as is:
 * the caller asked for it and should not see a retryable error.
 */
export function toClientException(label: string, error: unknown, caller: AbortSignal | undefined): unknown {
  if (error instanceof ArtifactClientException) return error;
  if (caller?.aborted) return error;
  if (error instanceof DeadlineException && error.code === DeadlineExceptionCode.TIMEOUT) {
    return new ArtifactClientException(Code.UNAVAILABLE, error.message, { cause: error });
  }
  // fetch rejects with a TypeError whose cause says why: ECONNREFUSED, ECONNRESET, "other side closed" …
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const detail = [error instanceof Error ? error.message : String(error), cause?.message].filter(Boolean).join(': ');
  return new ArtifactClientException(Code.UNAVAILABLE, `${label} failed: ${detail}`, { cause: error });
}

export const invalidResponse = (message: string, cause?: unknown) =>
  new ArtifactClientException(Code.INVALID_RESPONSE, message, { cause });
