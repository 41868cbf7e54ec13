import { type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { RuntimeConfig } from './runtime.config';

/** pino for every service: JSON lines with the service name, secrets redacted from request logs. */
export function createLoggerModule(service: string, config: RuntimeConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level: config.LOG_LEVEL,
      redact: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      transport: config.LOG_PRETTY === 'true' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  });
}
