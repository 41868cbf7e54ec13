import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import {
  COMMANDS_STREAM,
  type Envelope,
  EVENTS_STREAM,
  type PayloadOf,
  type Subject,
  TaskSpecV1,
} from '@webbyflow/contracts';
import { AgentLoopService } from '../loop/agent-loop.service';
import { TaskService } from '../tasks/task.service';
import { OrchestrationTestBed } from './orchestration.test-bed';

type ArtifactKind = 'screenshot' | 'html' | 'element_tree';
type ArtifactRef = ReturnType<typeof artifactRef>;
type PlanGenerated = PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>;

/** A reference to an artifact that nothing stored; the loop only passes it on. */
export const artifactRef = (kind: ArtifactKind) => ({
  artifactId: randomUUID(),
  kind,
  contentType: 'x/y',
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
});

/**
 * One orchestration context on an OrchestrationTestBed, for specs that drive runs through AgentLoopService
 * by hand: they play browser-svc and llm-svc by calling the loop's handlers with those services' events,
 * and read back the commands and events the loop published.
 */
export class AgentLoopHarness {
  readonly orgId: string;
  readonly loop: AgentLoopService;
  readonly tasks: TaskService;

  private constructor(
    readonly bed: OrchestrationTestBed,
    readonly app: INestApplicationContext,
  ) {
    this.orgId = bed.orgId;
    this.loop = app.get(AgentLoopService);
    this.tasks = app.get(TaskService);
  }

  /** `env` is orchestration configuration, e.g. ORCHESTRATOR_COMPLETION_CHECK (off unless it says so). */
  static async start(label: string, env: Record<string, string> = {}): Promise<AgentLoopHarness> {
    const bed = await OrchestrationTestBed.start(label);
    try {
      return new AgentLoopHarness(bed, await bed.boot(env));
    } catch (error) {
      await bed.stop();
      throw error;
    }
  }

  stop(): Promise<void> {
    return this.bed.stop();
  }

  /** The last command on `subject` the loop published (through the outbox). */
  lastCommand(subject: string): Promise<Envelope<Record<string, unknown>> | undefined> {
    return this.last(COMMANDS_STREAM, subject);
  }

  /** The last event on `subject` the loop published (through the outbox). */
  lastEvent(subject: string): Promise<Envelope<Record<string, unknown>> | undefined> {
    return this.last(EVENTS_STREAM, subject);
  }

  async status(taskId: string) {
    return (await this.tasks.get(this.orgId, taskId)).status;
  }

  /** Creates a task and opens its session on browser b1; returns the task id once the loop asked for step 0. */
  async startRun(spec: Partial<TaskSpecV1> = {}): Promise<string> {
    const view = await this.tasks.create(
      this.orgId,
      TaskSpecV1.parse({
        url: 'http://127.0.0.1:9/contact',
        goal: 'send the form',
        payload: { email: 'ada@example.com' },
        ...spec,
      }),
      randomUUID(),
    );
    expect(view.status).toBe('queued');
    expect(await this.lastCommand('webbyflow.cmd.browser.open_session.v1')).toMatchObject({
      correlationId: view.id,
      payload: { taskId: view.id },
    });
    await this.loop.onSessionOpened(
      this.envelope('webbyflow.evt.browser.session_opened.v1', view.id, {
        taskId: view.id,
        browserInstanceId: 'b1',
        url: view.url,
      }),
    );
    expect(await this.status(view.id)).toBe('running');
    expect(await this.lastCommand('webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId: view.id, stepIndex: 0 },
    });
    return view.id;
  }

  /** An envelope of `subject` in run `taskId`, as the service that owns the subject would publish it. */
  envelope<S extends Subject>(subject: S, taskId: string, payload: PayloadOf<S>): Envelope<PayloadOf<S>> {
    return {
      id: `${subject}:${randomUUID()}`,
      subject,
      version: 1,
      correlationId: taskId,
      causationId: null,
      occurredAt: new Date().toISOString(),
      orgId: this.orgId,
      payload,
    };
  }

  /** browser-svc scraped the page of step `stepIndex`. */
  scraped(
    taskId: string,
    stepIndex: number,
    refs: { tree: ArtifactRef; shot: ArtifactRef } = {
      tree: artifactRef('element_tree'),
      shot: artifactRef('screenshot'),
    },
  ): Promise<void> {
    return this.loop.onPageScraped(
      this.envelope('webbyflow.evt.browser.page_scraped.v1', taskId, {
        taskId,
        stepIndex,
        url: 'http://127.0.0.1:9/contact',
        title: 'Contact',
        elementCount: 3,
        elementTree: refs.tree,
        screenshot: refs.shot,
        html: artifactRef('html'),
      }),
    );
  }

  /** llm-svc planned step `stepIndex`, by default with OpenAI for 10 + 5 tokens. */
  planned(
    taskId: string,
    stepIndex: number,
    actions: PlanGenerated['actions'],
    usage: Partial<PlanGenerated> = {},
  ): Promise<void> {
    return this.loop.onPlanGenerated(
      this.envelope('webbyflow.evt.llm.plan_generated.v1', taskId, {
        taskId,
        stepIndex,
        actions,
        reasoning: 'r',
        provider: 'openai',
        model: 'm',
        inputTokens: 10,
        outputTokens: 5,
        attempts: 1,
        ...usage,
      }),
    );
  }

  /** browser-svc executed action `actionIndex` of step `stepIndex`, or did not find its element. */
  executed(taskId: string, stepIndex: number, actionIndex: number, success: boolean): Promise<void> {
    return this.loop.onActionExecuted(
      this.envelope('webbyflow.evt.browser.action_executed.v1', taskId, {
        taskId,
        stepIndex,
        actionIndex,
        actionType: 'input_text',
        result: {
          success,
          url: 'u',
          durationMs: 1,
          ...(success ? {} : { error: { code: 'ELEMENT_NOT_FOUND', message: 'gone' } }),
        },
      }),
    );
  }

  private async last(stream: string, subject: string): Promise<Envelope<Record<string, unknown>> | undefined> {
    await this.bed.relayed();
    const message = await this.bed.jsm.streams.getMessage(stream, { last_by_subj: subject });
    return message?.json<Envelope<Record<string, unknown>>>();
  }
}
