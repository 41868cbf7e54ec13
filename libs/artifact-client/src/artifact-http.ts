/** The internal HTTP API of artifact-svc, shared by the service and its client. */
export const ARTIFACTS_HTTP_PATH = '/internal/v1/artifacts';

/** Request headers of an upload; the body is the raw bytes and `content-type` their MIME type. */
export const ARTIFACT_UPLOAD_HEADERS = {
  orgId: 'x-wf-org-id',
  taskId: 'x-wf-task-id',
  stepIndex: 'x-wf-step-index',
  kind: 'x-wf-kind',
} as const;

/** Body of every error answer: a cross-process error (STYLE.md §12) plus the status. */
export interface ArtifactHttpError {
  statusCode: number;
  name: string;
  code: string;
  message: string;
}

/** ETag of artifact content: the quoted sha256 hex of the bytes. */
export const etagOf = (sha256: string) => `"${sha256}"`;

/** The sha256 an ETag carries, or undefined when it is not one of ours. */
export function sha256OfEtag(etag: string | null): string | undefined {
  const match = /^"?([0-9a-f]{64})"?$/.exec(etag ?? '');
  return match?.[1];
}
