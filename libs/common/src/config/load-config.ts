import { z } from 'zod';
import { ConfigException, ConfigExceptionCode } from './config.exception';

/**
 * Parses environment variables with a zod schema and fails at boot with every bad variable named
 * (STYLE.md §8, §9). Services receive the typed result through DI, never `process.env`.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigException(ConfigExceptionCode.INVALID, `Invalid configuration:\n${lines.join('\n')}`);
}

/** Marks a config field as secret: `redact` replaces its value in anything logged. */
export const secret = <S extends z.ZodType>(schema: S): S => schema.meta({ secret: true });

/** Copy of a parsed config with secret fields replaced by `***`, safe to log. */
export function redact<T extends Record<string, unknown>>(schema: z.ZodObject, config: T): T {
  const copy: Record<string, unknown> = { ...config };
  for (const [key, field] of Object.entries(schema.shape)) {
    if ((field as z.ZodType).meta()?.secret && copy[key] !== undefined) copy[key] = '***';
  }
  return copy as T;
}

/** Env boolean: `true/1/yes` or `false/0/no`. */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
