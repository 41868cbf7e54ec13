export * from './runtime.config';
export * from './logger.module';
export * from './bootstrap';
export * from './health.controller';
export * from './health.module';
export * from './log-redaction';
