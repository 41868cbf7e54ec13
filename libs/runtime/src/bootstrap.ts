import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

type EntryModule = Parameters<typeof NestFactory.create>[0];
import { Logger } from 'nestjs-pino';

export interface BootstrapOptions {
  service: string;
  host: string;
  port: number;
  /** Extra setup before listening (pipes, OpenAPI, …). */
  configure?: (app: INestApplication) => void | Promise<void>;
}

/**
 * Starts a service: pino as the Nest logger, graceful shutdown on SIGTERM/SIGINT (consumers stop
 * and in-flight messages finish), HTTP on host:port for the API or the health endpoint.
 */
export async function bootstrapService(module: EntryModule, options: BootstrapOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  await options.configure?.(app);
  await app.listen(options.port, options.host);
  logger.log(`${options.service} listening on http://${options.host}:${options.port}`, 'Bootstrap');
  return app;
}

/** Runs `main` and exits non-zero with the error on stderr when boot fails (invalid config, no NATS …). */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
