import { hostname } from 'node:os';
import { artifactsConfigSchema } from '@webbyflow/artifacts';
import { loadConfig } from '@webbyflow/common';
import { messagingConfigSchema } from '@webbyflow/messaging';
import { persistenceConfigSchema } from '@webbyflow/persistence';
import { runtimeConfigSchema } from '@webbyflow/runtime';
import { z } from 'zod';

export const ARTIFACT_SVC_CONFIG = Symbol('webbyflow:artifact-svc-config');

/** `artifact-<hostname>` as a NATS subject token. */
export const defaultInstanceId = (host = hostname()) => `artifact-${host.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Everything artifact-svc reads from its environment (STYLE.md §9). */
export const artifactSvcConfigSchema = artifactsConfigSchema.safeExtend({
  ...runtimeConfigSchema.shape,
  ...messagingConfigSchema.shape,
  ...persistenceConfigSchema.shape,
  /** Port of the internal HTTP API and `/healthz`. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3004),
  /** Stable id of this process; a NATS subject token. */
  INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must match [A-Za-z0-9_-]+')
    .default(() => defaultInstanceId()),
});
export type ArtifactSvcConfig = z.output<typeof artifactSvcConfigSchema>;

/** Parses the environment once at boot; throws naming every bad variable. */
export function loadArtifactSvcConfig(env: Record<string, string | undefined> = process.env): ArtifactSvcConfig {
  return loadConfig(artifactSvcConfigSchema, env);
}
