import { envBoolean, loadConfig, secret } from '@webbyflow/common';
import { join } from 'node:path';
import { z } from 'zod';
import { ArtifactSpool } from './artifacts/spool/artifact-spool';
import { LocalStorageDriver } from './artifacts/storage/local-storage.driver';
import { S3StorageDriver } from './artifacts/storage/s3-storage.driver';
import type { StorageDriver } from './artifacts/storage/storage.driver';
import { ValidatingStorageDriver } from './artifacts/storage/validating-storage.driver';

/** Env variables of artifact storage; artifact-svc spreads `.shape` into its config schema. */
export const artifactsConfigSchema = z
  .object({
    /** Where artifact bytes go. */
    ARTIFACT_STORAGE: z.enum(['local', 's3']).default('local'),
    /** Base directory of the local driver. */
    ARTIFACT_DIR: z.string().min(1).default('./.data/artifacts'),
    /** Largest artifact accepted, in bytes. */
    ARTIFACT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    /** Where artifacts wait, recorded `pending`, while the store is down; default `<ARTIFACT_DIR>/.spool`. */
    ARTIFACT_SPOOL_DIR: z.string().min(1).optional(),
    /** Most bytes the spool holds; 0 turns it off (a store outage then fails the upload, as before). */
    ARTIFACT_SPOOL_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(256 * 1024 * 1024),
    /** Most artifacts the spool holds; past either cap a new artifact is refused, the spooled ones are kept. */
    ARTIFACT_SPOOL_MAX_FILES: z.coerce.number().int().min(0).default(1_000),
    /** How often spooled artifacts are offered to the store again; failures back off up to the max. */
    ARTIFACT_SPOOL_RETRY_MS: z.coerce.number().int().min(50).default(2_000),
    ARTIFACT_SPOOL_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
    /** Required when ARTIFACT_STORAGE=s3. */
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** For S3-compatible servers (MinIO…); unset for AWS. */
    S3_ENDPOINT: z.url().optional(),
    /** Path-style URLs; most S3-compatible servers need it. */
    S3_FORCE_PATH_STYLE: envBoolean(false),
    /** Unset both to use the SDK's default credential chain (e.g. an instance role). */
    S3_ACCESS_KEY_ID: secret(z.string().min(1).optional()),
    S3_SECRET_ACCESS_KEY: secret(z.string().min(1).optional()),
    /** Deadline for each S3 request's socket activity. */
    S3_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  })
  .superRefine((config, ctx) => {
    if (config.ARTIFACT_STORAGE === 's3' && !config.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when ARTIFACT_STORAGE=s3' });
    }
    if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_SECRET_ACCESS_KEY'],
        message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
      });
    }
  });

export type ArtifactsConfig = z.output<typeof artifactsConfigSchema>;

export function loadArtifactsConfig(env: Record<string, string | undefined> = process.env): ArtifactsConfig {
  return loadConfig(artifactsConfigSchema, env);
}

/** The bounded local spool, or none when its caps are 0. */
export function createArtifactSpool(config: ArtifactsConfig): ArtifactSpool | undefined {
  const limits = { maxBytes: config.ARTIFACT_SPOOL_MAX_BYTES, maxFiles: config.ARTIFACT_SPOOL_MAX_FILES };
  if (limits.maxBytes === 0 || limits.maxFiles === 0) return undefined;
  return new ArtifactSpool(config.ARTIFACT_SPOOL_DIR ?? join(config.ARTIFACT_DIR, '.spool'), limits);
}

/** The configured driver, wrapped with key, content-type and size checks. */
export function createStorageDriver(config: ArtifactsConfig): StorageDriver {
  return new ValidatingStorageDriver(createRawDriver(config), config.ARTIFACT_MAX_BYTES);
}

function createRawDriver(config: ArtifactsConfig): StorageDriver {
  switch (config.ARTIFACT_STORAGE) {
    case 'local':
      return new LocalStorageDriver(config.ARTIFACT_DIR);
    case 's3':
      return new S3StorageDriver({
        bucket: config.S3_BUCKET ?? '',
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        credentials:
          config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
            : undefined,
        requestTimeoutMs: config.S3_REQUEST_TIMEOUT_MS,
      });
  }
}
