import { z } from 'zod';

/** Process-level settings every service reads. */
export const runtimeConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Pretty, human-readable logs instead of JSON lines (development only). */
  LOG_PRETTY: z.enum(['true', 'false']).default('false'),
  /** Interface the HTTP server (API or health endpoint) binds to. */
  HOST: z.string().default('127.0.0.1'),
});
export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;
