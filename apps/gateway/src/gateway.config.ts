import { hostname } from 'node:os';
import { artifactClientConfigSchema } from '@webbyflow/artifact-client';
import { hostAllowListSetting } from '@webbyflow/common';
import { messagingConfigSchema } from '@webbyflow/messaging';
import { persistenceConfigSchema, webhookSecretConfigSchema } from '@webbyflow/persistence';
import { runtimeConfigSchema } from '@webbyflow/runtime';
import { z } from 'zod';
import { DEFAULT_BODY_LIMIT_BYTES, MAX_BODY_LIMIT_BYTES } from './http/body-limit';

const defaultInstanceId = () => `gateway-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}-${process.pid}`;

/** Every setting of the gateway, read once at boot from the environment (STYLE.md §9). */
export const gatewayConfigSchema = z
  .object({
    ...runtimeConfigSchema.shape,
    ...messagingConfigSchema.shape,
    ...persistenceConfigSchema.shape,
    ...artifactClientConfigSchema.shape,
    ...webhookSecretConfigSchema.shape,
    /** Port of the public HTTP API; 0 picks a free one (tests). */
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** Stable id of this process, a NATS token; defaults to the host name and pid. */
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -')
      .default(defaultInstanceId),
    /** Where clients reach the gateway (artifact links start with it); defaults to http://HOST:PORT. */
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Largest request body in bytes; a bigger one is answered 413. Capped below NATS's 1 MiB messages. */
    API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(MAX_BODY_LIMIT_BYTES).default(DEFAULT_BODY_LIMIT_BYTES),
    /** Internal hosts a task's `url` may point to anyway: IPs, CIDRs or host names, comma-separated. */
    TASK_URL_ALLOWED_HOSTS: hostAllowListSetting(),
    /** Internal hosts a task's `webhook_url` may point to anyway (set the same on the orchestrator). */
    WEBHOOK_ALLOWED_HOSTS: hostAllowListSetting(),
  })
  .transform((config) => ({
    ...config,
    PUBLIC_BASE_URL: (config.PUBLIC_BASE_URL ?? `http://${hostForUrl(config.HOST)}:${config.PORT}`).replace(/\/+$/, ''),
  }));
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Injection token of the parsed GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('webbyflow:gateway-config');

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
