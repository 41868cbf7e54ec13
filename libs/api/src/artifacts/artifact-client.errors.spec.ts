import { ArtifactClientException, ArtifactClientExceptionCode as Code } from '@webbyflow/artifact-client';
import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { fromArtifactClientError } from './artifact-client.errors';

const codeOf = (error: unknown) => (error as ApiException).code;

describe(fromArtifactClientError.name, () => {
  it.each([
    [Code.NOT_FOUND, ApiExceptionCode.ARTIFACT_NOT_FOUND],
    [Code.UNAVAILABLE, ApiExceptionCode.SERVICE_UNAVAILABLE],
    [Code.INVALID_RESPONSE, ApiExceptionCode.INTERNAL],
    [Code.INVALID_REQUEST, ApiExceptionCode.INTERNAL],
    [Code.TOO_LARGE, ApiExceptionCode.INTERNAL],
  ])('should map %s to %s when the download fails', (code, expected) => {
    expect(codeOf(fromArtifactClientError(new ArtifactClientException(code, 'x'), 'id-1'))).toBe(expected);
  });

  it('should pass through an error that is not the client’s, such as the caller’s own abort', () => {
    const abort = new DOMException('aborted', 'AbortError');
    expect(fromArtifactClientError(abort, 'id-1')).toBe(abort);
  });
});
