import { isUuid } from '@webbyflow/common';
import { Inject, Injectable } from '@nestjs/common';
import type {
  RunEventViewV1,
  StepViewV1,
  TaskSpecV1,
  TaskStatusV1,
  TaskSummaryV1,
  TaskViewV1,
} from '@webbyflow/contracts';
import {
  ActionEntity,
  ArtifactEntity,
  isTerminalTaskStatus,
  RecoveryAttemptEntity,
  StepEntity,
  TaskEntity,
} from '@webbyflow/persistence';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { AdmissionService } from '../admission/admission.service';
import { EventLogService } from '../events/event-log.service';
import { AgentLoopService } from '../loop/agent-loop.service';
import { RunFinisher } from '../loop/run-finisher';
import { RunPublisher } from '../loop/run-publisher';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { OrchestratorException, OrchestratorExceptionCode } from '../orchestrator.exception';
import { plannerMode } from './planner-mode';
import { isUniqueViolation, specHash } from './task-idempotency';
import { toStepView, toTaskView } from './task-views';

/** The synchronous operations the gateway asks for: create, read, list steps, cancel. */
@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loop: AgentLoopService,
    private readonly publisher: RunPublisher,
    private readonly finisher: RunFinisher,
    private readonly eventLog: EventLogService,
    private readonly admission: AdmissionService,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  /**
   * Persists the run (`created`) and queues it; admission starts it when a slot is free. With an
   * `idempotencyKey`, a repeat of the same spec returns the task the first call created.
   */
  async create(orgId: string, spec: TaskSpecV1, requestId: string, idempotencyKey?: string): Promise<TaskViewV1> {
    const hash = idempotencyKey ? specHash({ ...spec, priority: spec.priority ?? 0 }) : null;
    if (idempotencyKey) {
      const earlier = await this.byIdempotencyKey(orgId, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    await this.admission.assertQueueHasRoom(orgId);
    let task: TaskEntity;
    try {
      // The row, its task.created and its task.queued are one transaction (outbox).
      task = await this.dataSource.transaction(async (em) => {
        const created = await em.save(
          em.create(TaskEntity, {
            orgId,
            status: 'created',
            url: spec.url,
            goal: spec.goal,
            payload: spec.payload,
            extractionSchema: spec.extractionSchema,
            maxSteps: spec.maxSteps,
            timeoutSeconds: spec.timeoutSeconds,
            webhookUrl: spec.webhookUrl,
            browserOptions: spec.browser ?? {},
            priority: spec.priority ?? 0,
            planner: spec.planner ?? null,
            planCache: spec.planCache ?? 'use',

            model: spec.model ?? null,
            vision: spec.vision ?? false,
            maxCostUsd: spec.maxCostUsd ?? null,
            recoveryRules: spec.recoveryRules ?? [],
            idempotencyKey: idempotencyKey ?? null,
            idempotencyHash: hash,
            // The deadline is set when admission starts the run: time in the queue does not count.
            deadlineAt: null,
          }),
        );
        await this.publisher.taskEvent(
          em,
          created,
          'webbyflow.evt.task.created.v1',
          {
            taskId: created.id,
            url: created.url,
            goal: created.goal,
            maxSteps: created.maxSteps,
            ...(created.planner ? { planner: plannerMode(created.planner) } : {}),
          },
          'created',
          requestId,
        );
        // Queued in the same transaction: a burst of creates costs one commit each, not two.
        await this.markQueued(em, created, requestId);
        return created;
      });
    } catch (error) {
      // Two creates with the same key raced: the loser answers with the winner's task.
      const earlier =
        idempotencyKey && isUniqueViolation(error) ? await this.byIdempotencyKey(orgId, idempotencyKey, hash) : null;
      if (earlier) return earlier;
      throw error;
    }
    // Awaited, so a create answers after its run had its chance at a free slot (open_session sent).
    await this.admission.kick();
    return this.get(orgId, task.id);
  }

  /**
   * created → queued, then an admission round; also how a restarted orchestrator resumes a run. A run
   * admitted before the restart asks for its session again (same message id, so no duplicate).
   */
  async queue(taskId: string, causationId: string | null): Promise<void> {
    await this.loop.withRun(taskId, causationId, async (ctx, task) => {
      if (task.status === 'created') await this.markQueued(ctx.em, task, causationId);
      if (task.status === 'queued' && task.admittedAt) await this.publisher.openSession(ctx.em, task, causationId);
    });
    // Awaited, so a create answers after its run had its chance at a free slot (open_session sent).
    await this.admission.kick();
  }

  private async markQueued(em: EntityManager, task: TaskEntity, causationId: string | null): Promise<void> {
    task.status = 'queued';
    await em.save(task);
    await this.publisher.taskEvent(
      em,
      task,
      'webbyflow.evt.task.queued.v1',
      { taskId: task.id },
      'queued',
      causationId,
    );
  }

  /** The task an earlier create made with this key (within the TTL), or null; a different spec is refused. */
  private async byIdempotencyKey(orgId: string, key: string, hash: string | null): Promise<TaskViewV1 | null> {
    const repository = this.dataSource.getRepository(TaskEntity);
    const cutoff = new Date(Date.now() - this.config.ORCHESTRATOR_IDEMPOTENCY_TTL_HOURS * 3600_000);
    // An expired key is released, so the unique (org_id, idempotency_key) lets it create again.
    await repository.update(
      { orgId, idempotencyKey: key, createdAt: LessThan(cutoff) },
      { idempotencyKey: null, idempotencyHash: null },
    );
    const earlier = await repository.findOne({
      where: { orgId, idempotencyKey: key },
      select: { id: true, idempotencyHash: true },
    });
    if (!earlier) return null;
    if (earlier.idempotencyHash !== hash)
      throw new OrchestratorException(
        OrchestratorExceptionCode.IDEMPOTENCY_KEY_REUSED,
        `Idempotency-Key ${JSON.stringify(key)} was used for task ${earlier.id} with a different request`,
      );
    return this.get(orgId, earlier.id);
  }

  async get(orgId: string, taskId: string): Promise<TaskViewV1> {
    const task = await this.find(orgId, taskId);
    const artifacts = await this.dataSource
      .getRepository(ArtifactEntity)
      .find({ where: { taskId }, order: { createdAt: 'ASC' } });
    return toTaskView(task, artifacts);
  }

  /** The org's tasks, newest first, optionally of one status; `after` is the last id of the previous page. */
  async list(
    orgId: string,
    filter: { status: TaskStatusV1 | null; after: string | null; limit: number },
  ): Promise<{ tasks: TaskSummaryV1[]; nextCursor: string | null }> {
    const query = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.org_id = :orgId', { orgId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(filter.limit + 1);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.after) {
      query.andWhere(
        '(t.created_at, t.id) < (SELECT created_at, id FROM tasks WHERE id = :after AND org_id = :orgId)',
        {
          after: filter.after,
        },
      );
    }
    const rows = await query.getMany();
    const page = rows.slice(0, filter.limit);
    return {
      tasks: page.map((t) => ({
        id: t.id,
        status: t.status,
        url: t.url,
        goal: t.goal,
        stepCount: t.stepCount,
        failureReason: t.failureReason,
        createdAt: t.createdAt.toISOString(),
        finishedAt: t.finishedAt?.toISOString() ?? null,
      })),
      nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async steps(orgId: string, taskId: string): Promise<{ taskId: string; steps: StepViewV1[] }> {
    await this.find(orgId, taskId);
    const steps = await this.dataSource.getRepository(StepEntity).find({ where: { taskId }, order: { index: 'ASC' } });
    const actions = steps.length
      ? await this.dataSource.getRepository(ActionEntity).find({ where: { stepId: In(steps.map((s) => s.id)) } })
      : [];
    const recovery = await this.dataSource
      .getRepository(RecoveryAttemptEntity)
      .find({ where: { taskId }, order: { createdAt: 'ASC' } });
    return {
      taskId,
      steps: steps.map((step) =>
        toStepView(
          step,
          actions.filter((a) => a.stepId === step.id),
          recovery.filter((r) => r.stepIndex === step.index),
        ),
      ),
    };
  }

  async events(
    orgId: string,
    taskId: string,
    after: string | null,
    limit: number,
  ): Promise<{ taskId: string; events: RunEventViewV1[]; nextCursor: string | null }> {
    await this.find(orgId, taskId);
    return { taskId, ...(await this.eventLog.list(taskId, after, limit)) };
  }

  async cancel(orgId: string, taskId: string, reason: string, requestId: string): Promise<TaskViewV1> {
    await this.find(orgId, taskId);
    let finished = false;
    await this.loop.withRun(
      taskId,
      requestId,
      async (ctx, task) => {
        if (isTerminalTaskStatus(task.status)) {
          finished = true;
          return;
        }
        await this.finisher.finish(ctx, task, { status: 'canceled', reason });
      },
      true,
    );
    if (finished)
      throw new OrchestratorException(
        OrchestratorExceptionCode.TASK_ALREADY_FINISHED,
        `task ${taskId} has already finished`,
      );
    return this.get(orgId, taskId);
  }

  private async find(orgId: string, taskId: string): Promise<TaskEntity> {
    const task = isUuid(taskId)
      ? await this.dataSource.getRepository(TaskEntity).findOne({ where: { id: taskId, orgId } })
      : null;
    if (!task) throw new OrchestratorException(OrchestratorExceptionCode.TASK_NOT_FOUND, `task ${taskId} not found`);
    return task;
  }
}
