export * from './artifact-client.config';
export * from './artifact-client.exception';
export * from './artifact-client';
export * from './artifact-http';
