import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrowserSessionManager } from '@webbyflow/browser';
import {
  ActionResultV1,
  ElementTreeV1,
  type ArtifactRefV1,
  type BrowserActionV1,
  type BrowserOptionsV1,
  type Envelope,
  type PayloadOf,
} from '@webbyflow/contracts';
import { MessageBus, type MessageMeta } from '@webbyflow/messaging';
import {
  EventRecorder,
  FakeArtifactServer,
  FIXTURE_CHROMIUM_ARGS,
  startFixtureServer,
  startNatsServer,
  type FixtureServer,
  type TestNatsServer,
} from '@webbyflow/testing';
import type { Page } from 'playwright-core';
import { AppModule } from '../app.module';
import { loadBrowserSvcConfig } from '../config/browser-svc.config';

const INSTANCE = 'browser-harness';
const ORG = 'org-harness';
const route = { route: INSTANCE };

/**
 * A real browser-svc (Nest app, own NATS, real Chromium) with two fixture servers (the second is the
 * "other origin" of case pages) and a fake artifact store, driven only through its NATS commands.
 * For fixture tests: open a task on a case page, scrape, act, and read the page's own state back.
 */
export class BrowserSvcHarness {
  private readonly step = new Map<string, number>();
  private readonly actions = new Map<string, number>();

  private constructor(
    readonly nats: TestNatsServer,
    readonly nc: NatsConnection,
    readonly site: FixtureServer,
    readonly otherSite: FixtureServer,
    readonly artifacts: FakeArtifactServer,
    readonly app: INestApplication,
    readonly bus: MessageBus,
    readonly events: EventRecorder,
  ) {}

  /** `env` adds or overrides browser-svc settings (BROWSER_* variables). */
  static async start(env: Record<string, string> = {}): Promise<BrowserSvcHarness> {
    const [nats, otherSite, artifacts] = await Promise.all([
      startNatsServer(),
      startFixtureServer(),
      FakeArtifactServer.start(),
    ]);
    const site = await startFixtureServer({ otherOrigin: otherSite.baseUrl });
    const nc = await connect({ servers: nats.url });
    const config = loadBrowserSvcConfig({
      NATS_URL: nats.url,
      NATS_ACK_WAIT_MS: '5000',
      NATS_MAX_DELIVER: '2',
      INSTANCE_ID: INSTANCE,
      LOG_LEVEL: 'silent',
      ARTIFACT_SVC_URL: artifacts.url,
      BROWSER_EXTRA_ARGS: FIXTURE_CHROMIUM_ARGS.join(' '),
      BROWSER_SETTLE_TIMEOUT_MS: '1000',
      ...env,
    });
    const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    const events = await EventRecorder.start(nc);
    return new BrowserSvcHarness(nats, nc, site, otherSite, artifacts, app, app.get(MessageBus), events);
  }

  async stop(): Promise<void> {
    await this.events.stop();
    await this.app.close();
    await this.nc.close();
    await Promise.all([this.nats.stop(), this.site.close(), this.otherSite.close(), this.artifacts.close()]);
  }

  /** URL of a case page (`libs/testing/cases/<file>`) on the main fixture site. */
  caseUrl(file: string): string {
    return `${this.site.baseUrl}/cases/${file}`;
  }

  /** Opens a session for a new task on `url` (a full URL, or a case file name) and returns the task id. */
  async open(url: string, browser?: BrowserOptionsV1): Promise<string> {
    const taskId = randomUUID();
    const target = /^https?:/.test(url) ? url : this.caseUrl(url);
    await this.bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId, url: target, ...(browser ? { browser } : {}) },
      this.meta(taskId, 'open_session'),
    );
    await this.events.waitFor('webbyflow.evt.browser.session_opened.v1', (e) => e.correlationId === taskId);
    this.step.set(taskId, 0);
    return taskId;
  }

  /** Scrapes through browser-svc and returns the element tree it stored, with the scrape event. */
  async scrape(
    taskId: string,
    options: { treeTokenBudget?: number } = {},
  ): Promise<{ tree: ElementTreeV1; event: Envelope<PayloadOf<'webbyflow.evt.browser.page_scraped.v1'>> }> {
    const stepIndex = this.nextStep(taskId);
    await this.bus.publish(
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId, stepIndex, ...options },
      this.meta(taskId, `s${stepIndex}:scrape_page`),
      route,
    );
    const event = await this.events.waitFor(
      'webbyflow.evt.browser.page_scraped.v1',
      (e) => e.correlationId === taskId && e.payload.stepIndex === stepIndex,
    );
    return { tree: this.treeOf(event.payload.elementTree), event };
  }

  /** Executes one action through browser-svc and returns its result (a failed action is a result, not a throw). */
  async act(taskId: string, action: BrowserActionV1): Promise<ActionResultV1> {
    const stepIndex = this.step.get(taskId) ?? 0;
    const actionIndex = this.nextAction(taskId);
    await this.bus.publish(
      'webbyflow.cmd.browser.execute_action.v1',
      { taskId, stepIndex, actionIndex, action },
      this.meta(taskId, `s${stepIndex}:a${actionIndex}:execute_action`),
      route,
    );
    const event = await this.events.waitFor(
      'webbyflow.evt.browser.action_executed.v1',
      (e) => e.correlationId === taskId && e.payload.stepIndex === stepIndex && e.payload.actionIndex === actionIndex,
    );
    return ActionResultV1.parse(event.payload.result);
  }

  /** The task's active page, to read the page's own state back after an action. */
  page(taskId: string): Page {
    return this.app.get(BrowserSessionManager).get(taskId).page;
  }

  /** First element of the tree matching role and (part of) its name; throws with the tree when absent. */
  element(tree: ElementTreeV1, role: string, name: string | RegExp): ElementTreeV1['elements'][number] {
    const found = tree.elements.find(
      (e) => e.role === role && (typeof name === 'string' ? e.name.includes(name) : name.test(e.name)),
    );
    if (!found) {
      const list = tree.elements.map((e) => `${e.id} ${e.role} ${JSON.stringify(e.name)}`).join('\n');
      throw new Error(`no ${role} named ${String(name)} in the tree:\n${list}`);
    }
    return found;
  }

  treeOf(ref: ArtifactRefV1): ElementTreeV1 {
    const stored = this.artifacts.get(ref.artifactId);
    if (!stored) throw new Error(`artifact ${ref.artifactId} was not stored`);
    return ElementTreeV1.parse(JSON.parse(stored.body.toString('utf8')));
  }

  private nextStep(taskId: string): number {
    const next = (this.step.get(taskId) ?? -1) + 1;
    this.step.set(taskId, next);
    this.actions.set(taskId, 0);
    return next;
  }

  private nextAction(taskId: string): number {
    const next = this.actions.get(taskId) ?? 0;
    this.actions.set(taskId, next + 1);
    return next;
  }

  private meta(taskId: string, key: string): MessageMeta {
    return { id: `${taskId}:${key}`, correlationId: taskId, causationId: null, orgId: ORG };
  }
}
