import { LlmException, LlmExceptionCode } from '@webbyflow/llm';
import { toProviderException } from './provider-error.mapper';

const httpError = (status: number) => Object.assign(new Error(`${status} boom`), { status });

describe(toProviderException.name, () => {
  it.each([
    [401, LlmExceptionCode.PROVIDER_AUTH, true],
    [403, LlmExceptionCode.PROVIDER_AUTH, true],
    [400, LlmExceptionCode.PROVIDER_REJECTED, true],
    [404, LlmExceptionCode.PROVIDER_REJECTED, true],
    [429, LlmExceptionCode.PROVIDER_ERROR, false],
    [500, LlmExceptionCode.PROVIDER_ERROR, false],
    [529, LlmExceptionCode.PROVIDER_ERROR, false],
  ])('should map HTTP %i to %s (terminal: %s)', (status, code, terminal) => {
    const mapped = toProviderException(httpError(status), 'openai');

    expect(mapped).toMatchObject({ code, terminal });
    expect(mapped.message).toContain(String(status));
    expect(mapped.cause).toBeInstanceOf(Error);
  });

  it.each([
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after-ms': '1500', 'retry-after': '2' }, 1_500],
    [{}, undefined],
  ])('should carry the provider’s wait %p on a 429 as retryAfterMs', (headers, retryAfterMs) => {
    const error = Object.assign(httpError(429), { headers: new Headers(headers) });

    const mapped = toProviderException(error, 'openai');

    expect(mapped.retryAfterMs).toBe(retryAfterMs);
    expect(mapped.toErrorInfo().retryAfterMs).toBe(retryAfterMs);
  });

  it('should map an error without status to a retryable PROVIDER_ERROR when the connection fails', () => {
    expect(toProviderException(new Error('Connection error.'), 'anthropic')).toMatchObject({
      code: LlmExceptionCode.PROVIDER_ERROR,
      message: 'anthropic call failed: Connection error.',
    });
  });

  it('should map any error to ABORTED when the signal has fired', () => {
    const controller = new AbortController();
    controller.abort();

    expect(toProviderException(httpError(500), 'openai', controller.signal).code).toBe(LlmExceptionCode.ABORTED);
  });

  it('should keep an LlmException as it is', () => {
    const original = new LlmException(LlmExceptionCode.PLAN_INVALID, 'x');

    expect(toProviderException(original, 'openai')).toBe(original);
  });
});
