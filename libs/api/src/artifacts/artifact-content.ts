import type { Readable } from 'node:stream';

/** What `GET /v1/artifacts/{id}/content` answers: the bytes, or "not modified" for a matching If-None-Match. */
export type ArtifactContent =
  | { kind: 'not_modified'; etag: string }
  | { kind: 'content'; etag: string; contentType: string; sizeBytes: number; stream: Readable };

/** The quoted sha256 of the bytes: strong, and the same on every gateway. */
export const etagOf = (sha256: string) => `"${sha256}"`;

/** Whether an If-None-Match header names `etag` (or `*`); weak tags match too (RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
