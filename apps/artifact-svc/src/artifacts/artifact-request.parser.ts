import { ARTIFACT_UPLOAD_HEADERS as H } from '@webbyflow/artifact-client';
import type { StoreArtifactInput } from '@webbyflow/artifacts';
import { ArtifactKindV1 } from '@webbyflow/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { ArtifactRequestException, ArtifactRequestExceptionCode } from './artifact-request.exception';

const UploadHeaders = z.object({
  [H.orgId]: z.uuid(),
  [H.taskId]: z.uuid(),
  [H.stepIndex]: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a non-negative integer')
    .transform(Number)
    .optional(),
  [H.kind]: ArtifactKindV1,
  'content-type': z.string().min(1),
});

export type UploadHeaders = Omit<StoreArtifactInput, 'body' | 'taskId'> & { taskId: string };

/** Upload headers as store input; a 400 naming each bad header otherwise. */
export function parseUploadHeaders(headers: IncomingHttpHeaders): UploadHeaders {
  const parsed = UploadHeaders.safeParse(headers);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `header ${issue.path.join('.')}: ${issue.message}`);
    throw new ArtifactRequestException(ArtifactRequestExceptionCode.INVALID_PARAMETER, problems.join('; '));
  }
  const h = parsed.data;
  return {
    orgId: h[H.orgId],
    taskId: h[H.taskId],
    stepIndex: h[H.stepIndex] ?? null,
    kind: h[H.kind],
    contentType: h['content-type'],
  };
}

/** The `orgId` query parameter every read needs: artifacts of other orgs are not found. */
export function requireOrgId(value: unknown): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw new ArtifactRequestException(
    ArtifactRequestExceptionCode.INVALID_PARAMETER,
    'query parameter orgId is required (once)',
  );
}
