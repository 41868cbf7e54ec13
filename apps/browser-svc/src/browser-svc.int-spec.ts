import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BrowserSessionManager, ChromiumLauncher } from '@webbyflow/browser';
import { COMMANDS_STREAM, ElementTreeV1, type ArtifactRefV1, type BrowserActionV1 } from '@webbyflow/contracts';
import { MessageBus, type MessageMeta } from '@webbyflow/messaging';
import {
  EventRecorder,
  FakeArtifactServer,
  FIXTURE_CHROMIUM_ARGS,
  startFixtureServer,
  startNatsServer,
  waitFor,
  type FixtureServer,
  type TestNatsServer,
} from '@webbyflow/testing';
import { AppModule } from './app.module';
import { loadBrowserSvcConfig } from './config/browser-svc.config';

const INSTANCE = 'browser-it-1';
const ORG = 'org-it';
const route = { route: INSTANCE };
const meta = (taskId: string, key: string): MessageMeta => ({
  id: `${taskId}:${key}`,
  correlationId: taskId,
  causationId: null,
  orgId: ORG,
});

describe('browser-svc', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let fixtures: FixtureServer;
  let artifacts: FakeArtifactServer;
  let app: INestApplication;
  let bus: MessageBus;
  let events: EventRecorder;

  beforeAll(async () => {
    [nats, fixtures, artifacts] = await Promise.all([
      startNatsServer(),
      startFixtureServer(),
      FakeArtifactServer.start(),
    ]);
    nc = await connect({ servers: nats.url });
    const config = loadBrowserSvcConfig({
      NATS_URL: nats.url,
      NATS_ACK_WAIT_MS: '5000',
      NATS_MAX_DELIVER: '2',
      INSTANCE_ID: INSTANCE,
      LOG_LEVEL: 'silent',
      ARTIFACT_SVC_URL: artifacts.url,
      BROWSER_EXTRA_ARGS: FIXTURE_CHROMIUM_ARGS.join(' '),
      BROWSER_SETTLE_TIMEOUT_MS: '1000',
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    bus = app.get(MessageBus);
    events = await EventRecorder.start(nc);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
    await nc?.close();
    await Promise.all([nats?.stop(), fixtures?.close(), artifacts?.close()]);
  });

  const openSession = async (taskId: string, path = '/contact') => {
    await bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId, url: `${fixtures.baseUrl}${path}` },
      meta(taskId, 'open_session'),
    );
    return events.waitFor('webbyflow.evt.browser.session_opened.v1', (e) => e.correlationId === taskId);
  };
  const scrape = async (taskId: string, stepIndex: number) => {
    await bus.publish(
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId, stepIndex },
      meta(taskId, `s${stepIndex}:scrape_page`),
      route,
    );
    return events.waitFor(
      'webbyflow.evt.browser.page_scraped.v1',
      (e) => e.correlationId === taskId && e.payload.stepIndex === stepIndex,
    );
  };
  const treeOf = (ref: ArtifactRefV1) =>
    ElementTreeV1.parse(JSON.parse(artifacts.get(ref.artifactId)!.body.toString('utf8')));
  const failure = (taskId: string, operation: string) =>
    events.waitFor(
      'webbyflow.evt.browser.failed.v1',
      (e) => e.correlationId === taskId && e.payload.operation === operation,
    );

  it('should report the session opened on this instance, once, when open_session is handled and retried', async () => {
    const taskId = randomUUID();
    const opened = await openSession(taskId);

    expect(opened).toMatchObject({
      id: `${taskId}:session_opened`,
      correlationId: taskId,
      causationId: `${taskId}:open_session`,
      orgId: ORG,
      payload: { taskId, browserInstanceId: INSTANCE, url: `${fixtures.baseUrl}/contact` },
    });
    const url = `${fixtures.baseUrl}/contact`;
    await bus.publish('webbyflow.cmd.browser.open_session.v1', { taskId, url }, meta(taskId, 'open_session:retry'));
    const jsm = await jetstreamManager(nc);
    await waitFor(async () => (await jsm.streams.info(COMMANDS_STREAM)).state.messages === 0, {
      what: 'the retry handled',
    });
    expect(events.forTask(taskId).filter((e) => e.subject === opened.subject)).toHaveLength(1);
    const health = await fetch(`${await app.getUrl()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      info: { nats: { status: 'up' }, browser: { status: 'up', sessions: 1 } },
    });
  });

  it('should scrape into three stored artifacts, type and click, then see the typed value on a re-scrape', async () => {
    const taskId = randomUUID();
    await openSession(taskId);

    const scraped = await scrape(taskId, 0);

    expect(scraped.id).toBe(`${taskId}:s0:page_scraped`);
    expect(scraped.payload).toMatchObject({
      taskId,
      stepIndex: 0,
      url: `${fixtures.baseUrl}/contact`,
      title: 'Contact us · Fixture Corp',
    });
    const { elementTree, screenshot, html } = scraped.payload;
    expect([elementTree.kind, screenshot.kind, html.kind]).toEqual(['element_tree', 'screenshot', 'html']);
    expect(artifacts.artifacts.filter((a) => a.taskId === taskId)).toHaveLength(3);
    expect(artifacts.get(elementTree.artifactId)).toMatchObject({
      orgId: ORG,
      stepIndex: 0,
      contentType: 'application/json',
    });
    expect(screenshot.contentType).toBe('image/jpeg');
    expect(artifacts.get(html.artifactId)!.body.toString()).toContain('<form');
    const tree = treeOf(elementTree);
    expect(scraped.payload.elementCount).toBe(tree.elements.length);
    const id = (name: string) => tree.elements.find((e) => e.name === name)!.id;
    expect(tree.elements.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Your name *', 'Email address *', 'Message *', 'Submit']),
    );

    const actions: BrowserActionV1[] = [
      { type: 'input_text', elementId: id('Your name *'), text: 'Ada Lovelace', pressEnter: false, reasoning: '' },
      { type: 'click', elementId: id('Subscribe to our newsletter'), reasoning: '' },
    ];
    for (const [actionIndex, action] of actions.entries()) {
      await bus.publish(
        'webbyflow.cmd.browser.execute_action.v1',
        { taskId, stepIndex: 0, actionIndex, action },
        meta(taskId, `s0:a${actionIndex}:execute_action`),
        route,
      );
      const executed = await events.waitFor(
        'webbyflow.evt.browser.action_executed.v1',
        (e) => e.id === `${taskId}:s0:a${actionIndex}:action_executed`,
      );
      expect(executed).toMatchObject({
        causationId: `${taskId}:s0:a${actionIndex}:execute_action`,
        payload: { actionType: action.type, result: { success: true } },
      });
    }

    const again = treeOf((await scrape(taskId, 1)).payload.elementTree);
    expect(again.elements.find((e) => e.name === 'Your name *')).toMatchObject({ value: 'Ada Lovelace' });
    expect(again.elements.find((e) => e.name === 'Subscribe to our newsletter')).toMatchObject({ checked: true });
  });

  it('should end a long wait early and report the session closed when close_session arrives', async () => {
    const taskId = randomUUID();
    await openSession(taskId);
    const action: BrowserActionV1 = { type: 'wait', ms: 25_000, reasoning: '' };
    await bus.publish(
      'webbyflow.cmd.browser.execute_action.v1',
      { taskId, stepIndex: 0, actionIndex: 0, action },
      meta(taskId, 's0:a0:execute_action'),
      route,
    );
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => (await jsm.consumers.info(COMMANDS_STREAM, `browser-${INSTANCE}`)).num_ack_pending === 1,
      { what: 'the wait in flight' },
    );
    const started = Date.now();

    await bus.publish(
      'webbyflow.cmd.browser.close_session.v1',
      { taskId, reason: 'canceled' },
      meta(taskId, 'close_session'),
      route,
    );

    const closed = await events.waitFor('webbyflow.evt.browser.session_closed.v1', (e) => e.correlationId === taskId);
    expect(closed).toMatchObject({
      id: `${taskId}:session_closed`,
      causationId: `${taskId}:close_session`,
      payload: { reason: 'canceled' },
    });
    const aborted = await failure(taskId, 'webbyflow.cmd.browser.execute_action.v1');
    expect(aborted.payload.error).toMatchObject({ code: 'SESSION_CLOSED', terminal: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(events.forTask(taskId).some((e) => e.subject === 'webbyflow.evt.browser.action_executed.v1')).toBe(false);
  });

  it('should fail terminally with SESSION_NOT_FOUND when a command names a task without a session', async () => {
    const taskId = randomUUID();
    await bus.publish(
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId, stepIndex: 3 },
      meta(taskId, 's3:scrape_page'),
      route,
    );

    const failed = await failure(taskId, 'webbyflow.cmd.browser.scrape_page.v1');

    expect(failed).toMatchObject({
      id: `${taskId}:s3:scrape_page:failed`,
      causationId: `${taskId}:s3:scrape_page`,
      payload: { taskId, stepIndex: 3, error: { name: 'BrowserException', code: 'SESSION_NOT_FOUND', terminal: true } },
    });
    await bus.publish(
      'webbyflow.cmd.browser.close_session.v1',
      { taskId, reason: 'cleanup' },
      meta(taskId, 'close_session'),
      route,
    );
    await events.waitFor('webbyflow.evt.browser.session_closed.v1', (e) => e.correlationId === taskId);
  });

  it('should fail terminally with SESSION_LOST when the page of the session went away', async () => {
    const taskId = randomUUID();
    await openSession(taskId);
    await app.get(BrowserSessionManager).get(taskId).page.close();
    await bus.publish(
      'webbyflow.cmd.browser.scrape_page.v1',
      { taskId, stepIndex: 0 },
      meta(taskId, 's0:scrape_page'),
      route,
    );

    const failed = await failure(taskId, 'webbyflow.cmd.browser.scrape_page.v1');

    expect(failed.payload.error).toMatchObject({ code: 'SESSION_LOST', terminal: true });
  });

  it('should fail with INVALID_ACTION when execute_action carries an action that is not a browser action', async () => {
    const taskId = randomUUID();
    await openSession(taskId);
    const action = { type: 'complete', data: { done: true } };
    await bus.publish(
      'webbyflow.cmd.browser.execute_action.v1',
      { taskId, stepIndex: 0, actionIndex: 0, action } as never,
      meta(taskId, 's0:a0:execute_action'),
      route,
    );

    const failed = await failure(taskId, 'webbyflow.cmd.browser.execute_action.v1');

    expect(failed.payload.error).toMatchObject({ code: 'INVALID_ACTION', terminal: true });
  });

  it('should close every session and Chromium when the app shuts down', async () => {
    await openSession(randomUUID());
    const launcher = app.get(ChromiumLauncher);
    expect(launcher.running).toBeDefined();

    await app.close();

    expect(launcher.running).toBeUndefined();
  });
});
