import { parseRetryAfter } from '@webbyflow/common';
import { LlmException, LlmExceptionCode } from '@webbyflow/llm';

/**
 * Maps whatever an SDK threw to an LlmException. Both SDKs put the HTTP status on `status`; an error
 * raised after our signal fired is the abort, whatever class the SDK chose for it.
 */
export function toProviderException(error: unknown, provider: string, signal?: AbortSignal): LlmException {
  if (error instanceof LlmException) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  if (signal?.aborted) {
    return new LlmException(LlmExceptionCode.ABORTED, `${provider} call aborted: ${message}`, { cause: error });
  }
  if (status === 401 || status === 403) {
    return new LlmException(
      LlmExceptionCode.PROVIDER_AUTH,
      `${provider} refused the credentials (${status}): ${message}`,
      { cause: error },
    );
  }
  if (status === 400 || status === 404 || status === 413 || status === 422) {
    return new LlmException(
      LlmExceptionCode.PROVIDER_REJECTED,
      `${provider} rejected the request (${status}): ${message}`,
      { cause: error },
    );
  }
  const what = status === undefined ? 'failed' : `returned ${status}`;
  const retryAfterMs = retryAfterOf(error);
  return new LlmException(LlmExceptionCode.PROVIDER_ERROR, `${provider} call ${what}: ${message}`, {
    cause: error,
    ...(retryAfterMs === null ? {} : { retryAfterMs }),
  });
}

/**
 * How long the provider asked to wait (both SDKs keep the response's headers on the error): OpenAI's `retry-after-ms`,
 * else `retry-after` in seconds or as an HTTP date. The SDKs already honour it between their own retries; this
 * carries it on to the redelivery and the recovery coordinator once they have given up.
 */
function retryAfterOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('headers' in error)) return null;
  if (!(error.headers instanceof Headers)) return null;
  const ms = error.headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(error.headers.get('retry-after'));
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}
