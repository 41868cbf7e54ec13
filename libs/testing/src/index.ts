// Test kit barrel: append-only, one line per area.
export * from './fixtures';
export * from './fake-llm';
export * from './poll/wait-for';
export * from './nats/nats-server';
export * from './nats/event-recorder';
export * from './artifacts/fake-artifact-server';
export * from './postgres/own-postgres';
