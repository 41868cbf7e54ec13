import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { maskApiKeys, REDACTED_LOG_PATHS, redactLogValue, redactUrl } from './log-redaction';
import type { RuntimeConfig } from './runtime.config';

type LoggedRequest = { url?: unknown; query?: unknown; params?: unknown } & Record<string, unknown>;

/**
 * pino for every service: JSON lines with the service name. Secrets never reach a line: credential
 * headers are dropped by path, values under secret-named keys (`password`, `api_key`, … the payload
 * rule) anywhere in a logged object and API keys in any string are replaced by `[Redacted]`.
 */
export function createLoggerModule(service: string, config: RuntimeConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level: config.LOG_LEVEL,
      redact: REDACTED_LOG_PATHS,
      formatters: { log: (object) => redactLogValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === 'string' ? maskApiKeys(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        req: (req: LoggedRequest) => ({
          ...req,
          url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
          query: redactLogValue(req.query),
          params: redactLogValue(req.params),
        }),
        // pino-http hands over the already serialized error, whose prototype keeps it from being walked.
        err: (err: Record<string, unknown>) => redactLogValue({ ...err }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      transport: config.LOG_PRETTY === 'true' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  });
}
