import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BROWSER_HEARTBEATS_BUCKET } from '@webbyflow/contracts';
import { KvBuckets, NATS_CONNECTION } from '@webbyflow/messaging';
import { DataSource } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { RecoveryCoordinator } from './recovery.coordinator';

interface Sighting {
  revision: number;
  /** This process's clock when the revision was first seen: no clock of another machine is compared. */
  since: number;
}

/**
 * Notices browser-svc instances that stopped their heartbeat while holding running sessions, and hands each
 * of their runs to the recovery coordinator. An instance is silent when its heartbeat entry has not changed
 * for BROWSER_HEARTBEAT_TIMEOUT_MS of this process's own connected time: a NATS outage restarts the count.
 * A run is also lost when its instance beats but has not listed it for as long: an instance killed and
 * restarted quickly under the same id beats again, holding none of its predecessor's sessions.
 */
@Injectable()
export class SessionLivenessWatcher implements OnApplicationBootstrap {
  private readonly sightings = new Map<string, Sighting>();
  /** Runs missing from their instance's beating heartbeat, since when (this process's clock). */
  private readonly unlisted = new Map<string, number>();
  private connectedSince = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly buckets: KvBuckets,
    private readonly coordinator: RecoveryCoordinator,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.followConnection();
  }

  /** Runs handed to the coordinator in this pass; RecoverySweeper calls it (tests with their own clock). */
  async check(now = Date.now()): Promise<number> {
    const rows = await this.dataSource.query<Array<{ id: string; browser_instance_id: string }>>(
      `SELECT t.id, t.browser_instance_id FROM tasks t
        WHERE t.status = 'running' AND t.browser_instance_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM recovery_attempts r WHERE r.task_id = t.id AND r.status = 'awaiting_session')`,
    );
    const byInstance = new Map<string, Array<{ id: string }>>();
    for (const row of rows)
      byInstance.set(row.browser_instance_id, [...(byInstance.get(row.browser_instance_id) ?? []), row]);
    for (const id of this.sightings.keys()) if (!byInstance.has(id)) this.sightings.delete(id);
    const live = new Set(rows.map((r) => r.id));
    for (const id of this.unlisted.keys()) if (!live.has(id)) this.unlisted.delete(id);
    const bucket = await this.buckets.open(BROWSER_HEARTBEATS_BUCKET);
    let handed = 0;
    for (const [instanceId, runs] of byInstance) {
      const entry = await bucket.get(instanceId);
      const revision = entry?.revision ?? 0;
      const seen = this.sightings.get(instanceId);
      if (!seen || seen.revision !== revision) {
        this.sightings.set(instanceId, { revision, since: now });
        if (entry) handed += await this.handUnlisted(instanceId, runs, new Set(entry.value.taskIds), now);
        continue;
      }
      const silentMs = now - Math.max(seen.since, this.connectedSince);
      if (silentMs < this.config.BROWSER_HEARTBEAT_TIMEOUT_MS) continue;
      const why = `browser-svc instance ${instanceId} sent no heartbeat for ${Math.round(silentMs / 1000)} s`;
      for (const run of runs) {
        await this.coordinator.onOwnerLost(run.id, instanceId, why);
        handed++;
      }
    }
    return handed;
  }

  /** Hands over the runs a beating instance has not listed for the timeout (a new session is listed at its next beat). */
  private async handUnlisted(instanceId: string, runs: Array<{ id: string }>, listed: Set<string>, now: number) {
    let handed = 0;
    for (const run of runs) {
      if (listed.has(run.id)) {
        this.unlisted.delete(run.id);
        continue;
      }
      const since = this.unlisted.get(run.id) ?? now;
      this.unlisted.set(run.id, since);
      const missingMs = now - Math.max(since, this.connectedSince);
      if (missingMs < this.config.BROWSER_HEARTBEAT_TIMEOUT_MS) continue;
      const why = `browser-svc instance ${instanceId} beats but has not held the run's session for ${Math.round(missingMs / 1000)} s (restarted)`;
      await this.coordinator.onOwnerLost(run.id, instanceId, why);
      this.unlisted.delete(run.id);
      handed++;
    }
    return handed;
  }

  /** While NATS is away no heartbeat can arrive: silence counts only from the last (re)connect. */
  private async followConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'reconnect') this.connectedSince = Date.now();
    }
  }
}
