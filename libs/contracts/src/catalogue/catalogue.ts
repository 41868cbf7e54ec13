import { z } from 'zod';
import * as planCache from '../payloads/plan-cache.schemas';
import * as recovery from '../payloads/recovery.schemas';
import * as svc from '../payloads/service.schemas';
import * as task from '../payloads/task.schemas';
import * as webhook from '../payloads/webhook.schemas';

/** Services that own subjects. */
export type ServiceName = 'gateway' | 'orchestrator' | 'browser' | 'llm' | 'artifact';

interface EventDef<S extends z.ZodType> {
  kind: 'event';
  producer: ServiceName;
  schema: S;
}
interface CommandDef<S extends z.ZodType> {
  kind: 'command';
  consumer: ServiceName;
  /** `instance`: delivered to the one service instance that holds the run's state (sticky browser sessions). */
  routing: 'shared' | 'instance';
  schema: S;
}
interface QueryDef<S extends z.ZodType, R extends z.ZodType> {
  kind: 'query';
  responder: ServiceName;
  schema: S;
  reply: R;
}

const event = <S extends z.ZodType>(producer: ServiceName, schema: S): EventDef<S> => ({
  kind: 'event',
  producer,
  schema,
});
const command = <S extends z.ZodType>(
  consumer: ServiceName,
  schema: S,
  routing: 'shared' | 'instance' = 'shared',
): CommandDef<S> => ({
  kind: 'command',
  consumer,
  routing,
  schema,
});
const query = <S extends z.ZodType, R extends z.ZodType>(
  responder: ServiceName,
  schema: S,
  reply: R,
): QueryDef<S, R> => ({
  kind: 'query',
  responder,
  schema,
  reply,
});

const withOrg = { orgId: z.string().min(1) };

/**
 * Every NATS subject WebbyFlow uses, bound to its payload schema. Subjects are versioned; a breaking
 * change adds a `.v2` entry beside the `.v1` one, and a subject string is never edited in place.
 *
 * - `webbyflow.evt.*`: facts, past tense, on the durable WEBBYFLOW_EVENTS stream (replayable).
 * - `webbyflow.cmd.*`: commands for one service, on the WEBBYFLOW_COMMANDS work queue.
 * - `webbyflow.qry.*`: request/reply over core NATS, for reads and synchronous API operations.
 */
export const catalogue = {
  // task lifecycle (orchestrator)
  'webbyflow.evt.task.created.v1': event('orchestrator', task.TaskCreatedV1),
  'webbyflow.evt.task.queued.v1': event('orchestrator', task.TaskQueuedV1),
  'webbyflow.evt.task.started.v1': event('orchestrator', task.TaskStartedV1),
  'webbyflow.evt.task.step_started.v1': event('orchestrator', task.StepStartedV1),
  'webbyflow.evt.task.completed.v1': event('orchestrator', task.TaskCompletedV1),
  'webbyflow.evt.task.failed.v1': event('orchestrator', task.TaskFailedV1),
  'webbyflow.evt.task.terminated.v1': event('orchestrator', task.TaskTerminatedV1),
  'webbyflow.evt.task.timed_out.v1': event('orchestrator', task.TaskTimedOutV1),
  'webbyflow.evt.task.canceled.v1': event('orchestrator', task.TaskCanceledV1),
  'webbyflow.evt.orchestrator.failed.v1': event('orchestrator', svc.ServiceFailedV1),
  // error-recovery coordinator (orchestrator)
  'webbyflow.evt.orchestrator.recovery_attempted.v1': event('orchestrator', recovery.RecoveryEventV1),
  'webbyflow.evt.orchestrator.recovery_succeeded.v1': event('orchestrator', recovery.RecoveryEventV1),
  'webbyflow.evt.orchestrator.recovery_exhausted.v1': event('orchestrator', recovery.RecoveryEventV1),

  // browser-svc
  'webbyflow.cmd.browser.open_session.v1': command('browser', svc.OpenSessionV1),
  'webbyflow.cmd.browser.scrape_page.v1': command('browser', svc.ScrapePageV1, 'instance'),
  'webbyflow.cmd.browser.execute_action.v1': command('browser', svc.ExecuteActionV1, 'instance'),
  'webbyflow.cmd.browser.close_session.v1': command('browser', svc.CloseSessionV1, 'instance'),
  'webbyflow.evt.browser.session_opened.v1': event('browser', svc.SessionOpenedV1),
  'webbyflow.evt.browser.page_scraped.v1': event('browser', svc.PageScrapedV1),
  'webbyflow.evt.browser.action_executed.v1': event('browser', svc.ActionExecutedV1),
  'webbyflow.evt.browser.session_closed.v1': event('browser', svc.SessionClosedV1),
  'webbyflow.evt.browser.failed.v1': event('browser', svc.ServiceFailedV1),

  // llm-svc
  'webbyflow.cmd.llm.plan_step.v1': command('llm', svc.PlanStepV1),
  'webbyflow.evt.llm.plan_generated.v1': event('llm', svc.PlanGeneratedV1),
  'webbyflow.cmd.llm.check_completion.v1': command('llm', svc.CheckCompletionV1),
  'webbyflow.evt.llm.completion_checked.v1': event('llm', svc.CompletionCheckedV1),
  'webbyflow.evt.llm.failed.v1': event('llm', svc.ServiceFailedV1),

  // artifact-svc
  'webbyflow.evt.artifact.stored.v1': event('artifact', svc.ArtifactStoredV1),
  'webbyflow.evt.artifact.failed.v1': event('artifact', svc.ServiceFailedV1),
  'webbyflow.qry.artifact.get_artifact.v1': query('artifact', svc.GetArtifactV1.extend(withOrg), svc.ArtifactMetaV1),

  // gateway
  'webbyflow.evt.gateway.failed.v1': event('gateway', svc.ServiceFailedV1),

  // synchronous API operations answered by the orchestrator
  'webbyflow.qry.orchestrator.create_task.v1': query(
    'orchestrator',
    task.CreateTaskV1.extend(withOrg),
    task.TaskViewV1,
  ),
  'webbyflow.qry.orchestrator.get_task.v1': query(
    'orchestrator',
    z.object({ ...withOrg, taskId: z.uuid() }),
    task.TaskViewV1,
  ),
  'webbyflow.qry.orchestrator.list_steps.v1': query(
    'orchestrator',
    z.object({ ...withOrg, taskId: z.uuid() }),
    z.object({ taskId: z.uuid(), steps: z.array(task.StepViewV1) }),
  ),
  'webbyflow.qry.orchestrator.list_tasks.v1': query('orchestrator', task.ListTasksV1.extend(withOrg), task.TasksPageV1),
  'webbyflow.qry.orchestrator.list_events.v1': query(
    'orchestrator',
    task.ListRunEventsV1.extend(withOrg),
    task.RunEventsPageV1,
  ),
  'webbyflow.qry.orchestrator.cancel_task.v1': query(
    'orchestrator',
    z.object({ ...withOrg, taskId: z.uuid(), reason: z.string().default('canceled by user') }),
    task.TaskViewV1,
  ),
  'webbyflow.qry.orchestrator.list_webhook_deliveries.v1': query(
    'orchestrator',
    z.object({ ...withOrg, taskId: z.uuid() }),
    webhook.WebhookDeliveriesV1,
  ),
  /** Queues a new delivery of a finished run's result to its webhook_url. */
  'webbyflow.qry.orchestrator.resend_webhook.v1': query(
    'orchestrator',
    z.object({ ...withOrg, taskId: z.uuid() }),
    webhook.WebhookDeliveryViewV1,
  ),
  /** The org's action-plan cache entries, most recently recorded first. */
  'webbyflow.qry.orchestrator.list_plan_cache.v1': query(
    'orchestrator',
    planCache.ListPlanCacheV1.extend(withOrg),
    planCache.PlanCachePageV1,
  ),
} as const;

export type Catalogue = typeof catalogue;
export type Subject = keyof Catalogue;
type SubjectsOfKind<K extends 'event' | 'command' | 'query'> = {
  [S in Subject]: Catalogue[S]['kind'] extends K ? S : never;
}[Subject];
export type EventSubject = SubjectsOfKind<'event'>;
export type CommandSubject = SubjectsOfKind<'command'>;
export type QuerySubject = SubjectsOfKind<'query'>;
/** The validated payload type of a subject (after zod defaults are applied). */
export type PayloadOf<S extends Subject> = z.output<Catalogue[S]['schema']>;
/** What a publisher passes (zod defaults may be omitted). */
export type PayloadInputOf<S extends Subject> = z.input<Catalogue[S]['schema']>;
export type ReplyOf<Q extends QuerySubject> = z.output<Catalogue[Q]['reply']>;

export function definitionOf<S extends Subject>(subject: S): Catalogue[S] {
  return catalogue[subject];
}

/** `vN` suffix of a subject as a number. */
export function versionOf(subject: Subject): number {
  const match = /\.v(\d+)$/.exec(subject);
  if (!match) throw new Error(`subject ${subject} has no version suffix`);
  return Number(match[1]);
}

export const EVENTS_STREAM = 'WEBBYFLOW_EVENTS';
export const EVENTS_SUBJECTS = 'webbyflow.evt.>';
export const COMMANDS_STREAM = 'WEBBYFLOW_COMMANDS';
export const COMMANDS_SUBJECTS = 'webbyflow.cmd.>';
