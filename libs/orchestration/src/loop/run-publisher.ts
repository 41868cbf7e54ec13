import { Injectable } from '@nestjs/common';
import {
  BrowserOptionsV1,
  type BrowserActionV1,
  type EventSubject,
  type HistoryEntryV1,
  type PayloadInputOf,
} from '@webbyflow/contracts';
import type { StepEntity, TaskEntity } from '@webbyflow/persistence';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox';
import { plannerMode } from '../tasks/planner-mode';
import { withPayload } from './placeholders';

type TaskEventSubject = Extract<EventSubject, `webbyflow.evt.task.${string}`>;
type PlanStepInput = PayloadInputOf<'webbyflow.cmd.llm.plan_step.v1'>;
/** The scraped page a planning or checking command points at. */
export type PlanPage = { tree: PlanStepInput['elementTree']; screenshot?: PlanStepInput['screenshot'] };

/**
 * The loop's commands and task events, with deterministic ids (`<task>:s<step>:…`), written to the outbox in
 * the transaction `em` of the state change they belong to; a re-run of a handler after a redelivery writes
 * the same ids, which the outbox and JetStream both drop.
 */
@Injectable()
export class RunPublisher {
  constructor(private readonly outbox: Outbox) {}

  private meta(task: TaskEntity, id: string, causationId: string | null) {
    return { id: `${task.id}:${id}`, correlationId: task.id, causationId, orgId: task.orgId };
  }

  taskEvent<S extends TaskEventSubject>(
    em: EntityManager,
    task: TaskEntity,
    subject: S,
    payload: PayloadInputOf<S>,
    key: string,
    causationId: string | null,
  ) {
    return this.outbox.add(em, subject, payload, this.meta(task, key, causationId));
  }

  /** Carries the task's browser options (validated when the task was created) when it has any. */
  openSession(em: EntityManager, task: TaskEntity, causationId: string | null) {
    const browser = BrowserOptionsV1.parse(task.browserOptions);
    return this.outbox.add(
      em,
      'webbyflow.cmd.browser.open_session.v1',
      { taskId: task.id, url: task.url, ...(Object.keys(browser).length > 0 ? { browser } : {}) },
      // A run put back in the queue (browser full) asks again under a new id, or JetStream would drop it.
      this.meta(task, task.admissionCount > 1 ? `a${task.admissionCount}:open_session` : 'open_session', causationId),
    );
  }

  scrape(em: EntityManager, task: TaskEntity, stepIndex: number, causationId: string, treeTokenBudget?: number) {
    return this.outbox.add(
      em,
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId: task.id, stepIndex, ...(treeTokenBudget ? { treeTokenBudget } : {}) },
      this.meta(task, `s${stepIndex}:scrape_page`, causationId),
      task.browserInstanceId ?? undefined,
    );
  }

  /**
   * The task's model and vision wish travel with every step; llm-svc decides whether to send the screenshot.
   * `cache` is the action-plan cache's step for this index, which llm-svc replays when it fits the page.
   */
  plan(
    em: EntityManager,
    task: TaskEntity,
    step: StepEntity,
    page: PlanPage,
    history: HistoryEntryV1[],
    causationId: string,
    cache?: PlanStepInput['cache'],
  ) {
    return this.outbox.add(
      em,
      'webbyflow.cmd.llm.plan_step.v1',
      { ...this.planStep(task, step, page, history), ...(cache ? { cache } : {}) },
      this.meta(task, `s${step.index}:plan_step`, causationId),
    );
  }

  private planStep(
    task: TaskEntity,
    step: StepEntity,
    page: PlanPage,
    history: HistoryEntryV1[],
  ): PayloadInputOf<'webbyflow.cmd.llm.plan_step.v1'> {
    return {
      taskId: task.id,
      stepIndex: step.index,
      goal: task.goal,
      payload: task.payload,
      extractionSchema: task.extractionSchema,
      url: step.url ?? task.url,
      title: step.title ?? '',
      elementTree: page.tree,
      history,
      maxSteps: task.maxSteps,
      ...(task.planner ? { planner: plannerMode(task.planner) } : {}),
      ...(task.model ? { model: task.model } : {}),
      ...(task.vision ? { vision: true } : {}),
      ...(page.screenshot ? { screenshot: page.screenshot } : {}),
    };
  }

  /** The step's page and the planner's claim, for llm-svc's completion check. */
  checkCompletion(
    em: EntityManager,
    task: TaskEntity,
    step: StepEntity,
    page: PlanPage,
    history: HistoryEntryV1[],
    claim: { output: unknown; reasoning: string },
    causationId: string,
  ) {
    return this.outbox.add(
      em,
      'webbyflow.cmd.llm.check_completion.v1',
      { ...this.planStep(task, step, page, history), output: claim.output, claim: claim.reasoning },
      this.meta(task, `s${step.index}:check_completion`, causationId),
    );
  }

  /** Sends `batch[0]` to the run's browser, with the rest as the actions that follow it (ExecuteActionV1). */
  execute(
    em: EntityManager,
    task: TaskEntity,
    stepIndex: number,
    batch: readonly { actionIndex: number; action: BrowserActionV1 }[],
    causationId: string,
  ) {
    const [{ actionIndex, action }, ...following] = batch;
    return this.outbox.add(
      em,
      'webbyflow.cmd.browser.execute_action.v1',
      {
        taskId: task.id,
        stepIndex,
        actionIndex,
        action: withPayload(action, task.payload),
        ...(following.length > 0
          ? { following: following.map((next) => ({ ...next, action: withPayload(next.action, task.payload) })) }
          : {}),
      },
      this.meta(task, `s${stepIndex}:a${actionIndex}:execute_action`, causationId),
      task.browserInstanceId ?? undefined,
    );
  }

  closeSession(em: EntityManager, task: TaskEntity, reason: string, causationId: string | null) {
    if (!task.browserInstanceId) return Promise.resolve();
    return this.outbox.add(
      em,
      'webbyflow.cmd.browser.close_session.v1',
      { taskId: task.id, reason },
      this.meta(task, 'close_session', causationId),
      task.browserInstanceId,
    );
  }
}
