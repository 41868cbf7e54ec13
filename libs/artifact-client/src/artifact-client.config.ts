import { loadConfig } from '@webbyflow/common';
import { z } from 'zod';

/** Env variables of the artifact-svc HTTP client; services spread `.shape` into their own config schema. */
export const artifactClientConfigSchema = z.object({
  /** Base URL of artifact-svc's internal HTTP API. */
  ARTIFACT_SVC_URL: z.url().default('http://127.0.0.1:3004'),
  /** Deadline of one call: an upload, a whole download, or the response headers of a stream. */
  ARTIFACT_CLIENT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
export type ArtifactClientConfig = z.output<typeof artifactClientConfigSchema>;

export function loadArtifactClientConfig(env: Record<string, string | undefined> = process.env): ArtifactClientConfig {
  return loadConfig(artifactClientConfigSchema, env);
}
