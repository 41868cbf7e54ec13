import { type DynamicModule, Module } from '@nestjs/common';
import { AdmissionService } from './admission/admission.service';
import { EventLogService } from './events/event-log.service';
import { AgentLoopService } from './loop/agent-loop.service';
import { CompletionCheckRequester } from './loop/completion-check.requester';
import { RunFinisher } from './loop/run-finisher';
import { RunPublisher } from './loop/run-publisher';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from './orchestration.config';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox.relay';
import { RecoveryCoordinator } from './recovery/recovery.coordinator';
import { RecoveryPublisher } from './recovery/recovery.publisher';
import { RecoverySweeper } from './recovery/recovery.sweeper';
import { SessionLivenessWatcher } from './recovery/session-liveness.watcher';
import { DeadlineSweeper } from './tasks/deadline.sweeper';
import { TaskService } from './tasks/task.service';
import { WebhookNotifier } from './webhooks/webhook.notifier';
import { PlanCacheEntriesService } from './plan-cache/plan-cache-entries.service';
import { PlanCacheRun } from './plan-cache/plan-cache.run';
import { WEBHOOK_PROVIDERS } from './webhooks/webhook.providers';
import { WebhookDeliveriesService } from './webhooks/webhook-deliveries.service';

/** The orchestrator's domain: needs MessagingModule and a TypeORM DataSource in the app. */
@Module({})
export class OrchestrationModule {
  static forRoot(config: OrchestrationConfig): DynamicModule {
    return {
      module: OrchestrationModule,
      providers: [
        { provide: ORCHESTRATION_CONFIG, useValue: config },
        AgentLoopService,
        AdmissionService,
        Outbox,
        OutboxRelay,
        RunPublisher,
        RunFinisher,
        CompletionCheckRequester,
        PlanCacheRun,
        PlanCacheEntriesService,
        WebhookNotifier,
        ...WEBHOOK_PROVIDERS,
        TaskService,
        DeadlineSweeper,
        EventLogService,
        RecoveryPublisher,
        RecoveryCoordinator,
        RecoverySweeper,
        SessionLivenessWatcher,
      ],
      exports: [
        OutboxRelay,
        AgentLoopService,
        RecoveryCoordinator,
        SessionLivenessWatcher,
        AdmissionService,
        TaskService,
        DeadlineSweeper,
        EventLogService,
        WebhookDeliveriesService,
        PlanCacheEntriesService,
      ],
    };
  }
}
