import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { toErrorInfo } from '@webbyflow/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { TaskEntity } from '@webbyflow/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { RunPublisher } from '../loop/run-publisher';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { OrchestratorException, OrchestratorExceptionCode } from '../orchestrator.exception';
import { type AdmissionCandidate, pickAdmissions, queueLimitBroken } from './admission.policy';

/** One key for every orchestrator replica: admission rounds run one at a time across the cluster. */
const ADMISSION_LOCK = "hashtext('webbyflow:admission')";
/** A run holds a slot from admission (open_session sent) until it ends. */
const HOLDS_SLOT = `(status = 'running' OR (status = 'queued' AND admitted_at IS NOT NULL))`;
const WAITING = `status IN ('created', 'queued') AND admitted_at IS NULL`;
/** browser-svc's code for "all my contexts are taken" (BrowserExceptionCode.SESSION_LIMIT_REACHED). */
export const SESSION_LIMIT_REACHED = 'SESSION_LIMIT_REACHED';

/**
 * Admission control: queued runs get a slot (and their open_session) only while fewer than
 * ORCHESTRATOR_MAX_RUNNING run, and ORCHESTRATOR_MAX_RUNNING_PER_ORG for their org; highest
 * priority first, then oldest. Rounds run when a run is queued or ends, and on a timer.
 */
@Injectable()
export class AdmissionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdmissionService.name);
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  /** Callers waiting for a round that starts after their kick; taken when that round starts. */
  private next?: { done: Promise<void>; resolve: () => void };

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RunPublisher,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.kick(), this.config.ORCHESTRATOR_ADMISSION_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /**
   * Asks for an admission round that starts after this call; resolves when that round is over, so at most
   * the running round and one more (a burst of creates does not wait for each other's rounds). Never throws
   * (failures are logged).
   */
  kick(): Promise<void> {
    if (!this.next) {
      let resolve = () => {};
      const done = new Promise<void>((r) => (resolve = r));
      this.next = { done, resolve };
    }
    const { done } = this.next;
    this.round ??= this.drain().finally(() => (this.round = undefined));
    return done;
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const waiting = this.next;
      this.next = undefined;
      await this.admit().catch((error: unknown) =>
        this.logger.error(`admission round failed: ${toErrorInfo(error).message}`),
      );
      waiting.resolve();
    }
  }

  /** One round: gives free slots to the next queued runs; returns the ids admitted. */
  async admit(now = new Date()): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(${ADMISSION_LOCK})`);
      const busy = new Map(
        (
          await em.query<Array<{ org_id: string; n: number }>>(
            `SELECT org_id, count(*)::int AS n FROM tasks WHERE ${HOLDS_SLOT} GROUP BY org_id`,
          )
        ).map((r) => [r.org_id, r.n]),
      );
      const free = this.config.ORCHESTRATOR_MAX_RUNNING - [...busy.values()].reduce((a, b) => a + b, 0);
      if (free <= 0) return [];
      const picked = pickAdmissions(await this.candidates(em, free), busy, {
        maxRunning: this.config.ORCHESTRATOR_MAX_RUNNING,
        maxRunningPerOrg: this.config.ORCHESTRATOR_MAX_RUNNING_PER_ORG,
      });
      if (picked.length === 0) return [];
      // Rows another handler holds (a cancel, say) are skipped; the next round looks again.
      const locked = await em
        .getRepository(TaskEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('t.id IN (:...ids)', { ids: picked.map((c) => c.id) })
        .andWhere(`t.status = 'queued' AND t.admitted_at IS NULL`)
        .getMany();
      const order = new Map(picked.map((c, i) => [c.id, i]));
      locked.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      for (const task of locked) {
        task.admittedAt = now;
        task.deadlineAt = new Date(now.getTime() + task.timeoutSeconds * 1000);
        task.admissionCount += 1;
        await em.save(task);
        await this.publisher.openSession(em, task, null);
      }
      return locked.map((t) => t.id);
    });
  }

  /**
   * A browser with no free context refused the run's session (SESSION_LIMIT_REACHED): the run goes
   * back to the queue, keeping its place, instead of failing. Returns false for any other failure.
   */
  async requeueOnSessionLimit(message: Envelope<PayloadOf<'webbyflow.evt.browser.failed.v1'>>): Promise<boolean> {
    const { taskId, error } = message.payload;
    if (error.code !== SESSION_LIMIT_REACHED) return false;
    await this.dataSource.transaction(async (em) => {
      const task = await em.findOne(TaskEntity, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task || task.status !== 'queued' || !task.admittedAt) return;
      task.admittedAt = null;
      task.deadlineAt = null;
      await em.save(task);
      await this.publisher.taskEvent(
        em,
        task,
        'webbyflow.evt.task.queued.v1',
        { taskId },
        `a${task.admissionCount}:requeued`,
        message.id,
      );
    });
    this.logger.warn(`run ${taskId} requeued: the browser had no free context`);
    return true;
  }

  /** Refuses a new run when the queue (or the org's share of it) is full. */
  async assertQueueHasRoom(orgId: string): Promise<void> {
    const [queued] = await this.dataSource.query<Array<{ total: number; org: number }>>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE org_id = $1)::int AS org FROM tasks WHERE ${WAITING}`,
      [orgId],
    );
    const broken = queueLimitBroken(queued ?? { total: 0, org: 0 }, {
      maxQueued: this.config.ORCHESTRATOR_MAX_QUEUED,
      maxQueuedPerOrg: this.config.ORCHESTRATOR_MAX_QUEUED_PER_ORG,
    });
    if (broken)
      throw new OrchestratorException(
        OrchestratorExceptionCode.QUEUE_FULL,
        `${broken.queued} runs are waiting to start, the limit ${broken.setting} is ${broken.limit}`,
      );
  }

  /** The next waiting runs in start order, at most the per-org cap of each org. */
  private candidates(em: EntityManager, free: number): Promise<AdmissionCandidate[]> {
    return em.query<AdmissionCandidate[]>(
      `SELECT id, org_id AS "orgId" FROM (
         SELECT id, org_id, priority, created_at,
                row_number() OVER (PARTITION BY org_id ORDER BY priority DESC, created_at, id) AS rank
           FROM tasks WHERE status = 'queued' AND admitted_at IS NULL) waiting
        WHERE rank <= $1
        ORDER BY priority DESC, created_at, id
        LIMIT $2`,
      [this.config.ORCHESTRATOR_MAX_RUNNING_PER_ORG, Math.max(free * 4, 100)],
    );
  }
}
