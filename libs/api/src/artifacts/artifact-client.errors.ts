import { ArtifactClientException, ArtifactClientExceptionCode } from '@webbyflow/artifact-client';
import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { notFound, serviceUnavailable } from '../errors/query-error.mapper';

const SERVICE = 'artifact service';

/** Maps a failed download from artifact-svc to what the API answers; other errors pass through. */
export function fromArtifactClientError(error: unknown, artifactId: string): unknown {
  if (!(error instanceof ArtifactClientException)) return error;
  switch (error.code) {
    case ArtifactClientExceptionCode.NOT_FOUND:
      return notFound({ resource: 'artifact', id: artifactId });
    case ArtifactClientExceptionCode.UNAVAILABLE:
      return serviceUnavailable(SERVICE, error);
    case ArtifactClientExceptionCode.TOO_LARGE:
    case ArtifactClientExceptionCode.INVALID_REQUEST:
    case ArtifactClientExceptionCode.INVALID_RESPONSE:
      return new ApiException(
        ApiExceptionCode.INTERNAL,
        `the ${SERVICE} could not deliver artifact ${artifactId}; report the x-request-id if it keeps failing`,
        { cause: error },
      );
  }
}
