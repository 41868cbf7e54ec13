import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { toErrorInfo } from '@webbyflow/common';
import { TaskEntity } from '@webbyflow/persistence';
import { DataSource, In, LessThan } from 'typeorm';
import { AgentLoopService } from '../loop/agent-loop.service';
import { RunFinisher } from '../loop/run-finisher';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { TaskService } from './task.service';

/**
 * Ends runs whose deadline passed (`timed_out`), so no run stays `running` forever, and on boot
 * re-queues runs that were created but never queued (the orchestrator died in between).
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly loop: AgentLoopService,
    private readonly finisher: RunFinisher,
    private readonly tasks: TaskService,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stranded = await this.dataSource
      .getRepository(TaskEntity)
      .find({ where: { status: In(['created', 'queued']) }, select: { id: true } });
    for (const { id } of stranded) await this.tasks.queue(id, null);
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`deadline sweep failed: ${toErrorInfo(error).message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.config.ORCHESTRATOR_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  async sweep(now = new Date()): Promise<number> {
    const overdue = await this.dataSource.getRepository(TaskEntity).find({
      where: { status: In(['created', 'queued', 'running']), deadlineAt: LessThan(now) },
      select: { id: true },
      take: 100,
    });
    for (const { id } of overdue) {
      await this.loop.withRun(id, null, async (ctx, task) => {
        if (!task.deadlineAt || task.deadlineAt > now) return;
        await this.finisher.finish(ctx, task, {
          status: 'timed_out',
          reason: `the run exceeded its timeout of ${task.timeoutSeconds} s`,
        });
      });
    }
    return overdue.length;
  }
}
