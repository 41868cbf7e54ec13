import { hostname } from 'node:os';
import { loadConfig } from '@webbyflow/common';
import { messagingConfigSchema } from '@webbyflow/messaging';
import { orchestrationConfigSchema } from '@webbyflow/orchestration';
import { persistenceConfigSchema } from '@webbyflow/persistence';
import { runtimeConfigSchema } from '@webbyflow/runtime';
import { z } from 'zod';

export const orchestratorConfigSchema = runtimeConfigSchema
  .extend(messagingConfigSchema.shape)
  .extend(persistenceConfigSchema.shape)
  .extend(orchestrationConfigSchema.shape)
  .extend({
    /** Port of the health endpoint. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default(`orchestrator-${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`),
  });
export type OrchestratorConfig = z.output<typeof orchestratorConfigSchema>;

export const loadOrchestratorConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(orchestratorConfigSchema, env);
