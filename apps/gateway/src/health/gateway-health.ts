import type { NatsConnection } from '@nats-io/transport-node';
import type { HealthIndicatorService } from '@nestjs/terminus';
import { probeOrchestrator } from '@webbyflow/api';
import { MessageBus, NATS_CONNECTION } from '@webbyflow/messaging';
import type { HealthCheckDefinition } from '@webbyflow/runtime';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 2000;

/**
 * `/healthz`: NATS and Postgres must answer (503 otherwise); an orchestrator that does not answer
 * makes the gateway `degraded` but still ready, since reads and docs do not need it.
 */
export const gatewayHealthChecks: HealthCheckDefinition = {
  inject: [NATS_CONNECTION, DataSource, MessageBus],
  useFactory: (indicator: HealthIndicatorService, nc: NatsConnection, db: DataSource, bus: MessageBus) => [
    () =>
      indicator
        .check('nats')
        .attempt(async () => {
          await nc.flush();
          return { server: nc.getServer() };
        })
        .withTimeout(CHECK_TIMEOUT_MS),
    () =>
      indicator
        .check('database')
        .attempt(async () => {
          await db.query('SELECT 1');
        })
        .withTimeout(CHECK_TIMEOUT_MS),
    async () => {
      const probe = await probeOrchestrator(bus, CHECK_TIMEOUT_MS);
      const check = indicator.check('orchestrator');
      return probe.answering ? check.up() : check.degraded({ message: probe.detail });
    },
  ],
};
