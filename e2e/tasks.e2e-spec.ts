import { createServer, type IncomingHttpHeaders } from 'node:http';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { COMMANDS_STREAM, TABLE_CELL_SEPARATOR } from '@webbyflow/contracts';
import type { AddressInfo } from 'node:net';
import {
  ACCOUNT_ORDERS,
  expectedConfirmationNumber,
  EventRecorder,
  FIXTURE_USER,
  contactFormDemo,
  findElementId,
  pageText,
  waitFor,
} from '@webbyflow/testing';
import { startPlatform, type Platform } from './support/platform';
import { expectRunRecord } from './support/run-checks';
import { createTask, getTask, waitForStatus } from './support/task-polling';

const answer = (actions: unknown[], reasoning = 'scripted') => JSON.stringify({ reasoning, actions });

describe('tasks through the gateway', () => {
  let platform: Platform;
  let events: EventRecorder;

  beforeAll(async () => {
    platform = await startPlatform();
    events = await EventRecorder.start(platform.nats.url);
  });

  afterAll(async () => {
    await events?.stop();
    await platform?.stop();
  });

  afterEach(() => {
    platform.llm.reset();
  });

  const eventsPage = async (taskId: string, query: string) => {
    const res = await platform.api(`/v1/tasks/${taskId}/events${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      task_id: string;
      events: Array<{
        id: string;
        subject: string;
        version: number;
        occurred_at: string;
        causation_id: string | null;
        payload: unknown;
      }>;
      next_cursor: string | null;
    };
  };

  it('should fill the contact form and return the confirmation number matching the schema', async () => {
    platform.llm.script(contactFormDemo);
    const email = 'grace@example.com';
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Send the contact form with my details and tell me the confirmation number',
      payload: { name: 'Grace Hopper', email, topic: 'support', message: 'Please call me back.' },
      extraction_schema: {
        type: 'object',
        required: ['confirmation_number'],
        properties: { confirmation_number: { type: 'string', pattern: '^WF-\\d{6}$' } },
      },
      max_steps: 5,
    });
    expect(created.status).toMatch(/created|queued/);

    const task = await waitForStatus(platform, created.id);
    expect(task).toMatchObject({
      status: 'completed',
      output: { confirmation_number: expectedConfirmationNumber(email) },
    });
    expect(task.step_count).toBe(2);

    const steps = (await (await platform.api(`/v1/tasks/${task.id}/steps`)).json()) as {
      steps: Array<{ actions: Array<{ type: string; status: string }> }>;
    };
    expect(steps.steps).toHaveLength(2);
    expect(steps.steps[0].actions.map((a) => a.type)).toEqual(
      expect.arrayContaining(['input_text', 'select_option', 'click']),
    );
    expect(steps.steps[0].actions.every((a) => a.status === 'succeeded')).toBe(true);
    expect(steps.steps[1].actions).toMatchObject([{ type: 'complete', status: 'succeeded' }]);

    const screenshots = task.artifacts.filter((a) => a.kind === 'screenshot');
    expect(screenshots).toHaveLength(2);
    expect(task.artifacts.filter((a) => a.kind === 'element_tree')).toHaveLength(2);
    const content = await platform.api(new URL(screenshots[0].url).pathname);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe(screenshots[0].content_type);
    expect((await content.arrayBuffer()).byteLength).toBe(screenshots[0].size_bytes);

    const seen = await events.waitForTask(task.id, 'webbyflow.evt.task.completed.v1');
    expect(seen.map((e) => e.subject)).toEqual(
      expect.arrayContaining([
        'webbyflow.evt.task.created.v1',
        'webbyflow.evt.task.queued.v1',
        'webbyflow.evt.browser.session_opened.v1',
        'webbyflow.evt.task.started.v1',
        'webbyflow.evt.browser.page_scraped.v1',
        'webbyflow.evt.llm.plan_generated.v1',
        'webbyflow.evt.browser.action_executed.v1',
        'webbyflow.evt.task.completed.v1',
      ]),
    );
    const order = (subject: string) => seen.findIndex((e) => e.subject === subject);
    expect(order('webbyflow.evt.task.created.v1')).toBeLessThan(order('webbyflow.evt.task.started.v1'));
    expect(order('webbyflow.evt.browser.page_scraped.v1')).toBeLessThan(order('webbyflow.evt.llm.plan_generated.v1'));
    expect(order('webbyflow.evt.llm.plan_generated.v1')).toBeLessThan(
      order('webbyflow.evt.browser.action_executed.v1'),
    );
    // The same history through the API once the orchestrator has recorded it (asynchronously).
    const listed = await waitFor(
      async () => {
        const page = await eventsPage(task.id, '?limit=500');
        const ids = new Set(page.events.map((e) => e.id));
        return seen.every((e) => ids.has(e.id)) ? page : undefined;
      },
      { what: 'every event of the run on the stream, listed by the API' },
    );
    expect(listed).toMatchObject({ task_id: task.id, next_cursor: null });
    // Each listed event is one the run published (correlation = the task), once, as published.
    const published = new Map(events.forTask(task.id).map((e) => [e.id, e]));
    expect(new Set(listed.events.map((e) => e.id)).size).toBe(listed.events.length);
    for (const event of listed.events) {
      const original = published.get(event.id);
      expect(original).toBeDefined();
      expect(event).toEqual({
        id: original?.id,
        subject: original?.subject,
        version: original?.version,
        occurred_at: original?.occurredAt,
        causation_id: original?.causationId,
        payload: original?.payload,
      });
    }
    // Oldest first, the loop's facts in the order they happened.
    const times = listed.events.map((e) => Date.parse(e.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const apiOrder = listed.events.map((e) => e.subject);
    const loopFacts = [
      'webbyflow.evt.task.created.v1',
      'webbyflow.evt.browser.page_scraped.v1',
      'webbyflow.evt.llm.plan_generated.v1',
      'webbyflow.evt.browser.action_executed.v1',
      'webbyflow.evt.task.completed.v1',
    ];
    const firsts = loopFacts.map((subject) => apiOrder.indexOf(subject));
    expect(firsts.every((i) => i >= 0)).toBe(true);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    // Paged two at a time through `after`, the same list.
    const paged: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = await eventsPage(task.id, `?limit=2${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.events.map((e) => e.id));
      cursor = page.next_cursor;
    }
    expect(paged.slice(0, listed.events.length)).toEqual(listed.events.map((e) => e.id));

    // Nothing of the run happens after it completed except closing its browser session.
    const after = seen.slice(order('webbyflow.evt.task.completed.v1') + 1).map((e) => e.subject);
    expect(after.every((s) => s === 'webbyflow.evt.browser.session_closed.v1')).toBe(true);
    for (const event of seen) expect(event.correlationId).toBe(task.id);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    // Each fact names its cause: the run's completion was caused by an event of this same run.
    const completed = seen[order('webbyflow.evt.task.completed.v1')];
    expect(seen.map((e) => e.id)).toContain(completed.causationId);
  });

  it('should log in and return the table rows', async () => {
    platform.llm.script((request) => {
      const text = pageText(request.promptText);
      if (text.includes('A-1001')) {
        const rows = text
          .split('\n')
          .filter((line) => /^A-\d{4}\t/.test(line))
          .map((line) => {
            const [id, date, amount, status] = line.split(TABLE_CELL_SEPARATOR).map((cell) => cell.trim());
            return { id, date, amount, status };
          });
        return answer([{ action: 'complete', extracted_data: { orders: rows }, reasoning: 'the table is visible' }]);
      }
      return answer([
        {
          action: 'input_text',
          element_id: findElementId(request.promptText, { name: /user/i }),
          value: '{{payload.username}}',
        },
        {
          action: 'input_text',
          element_id: findElementId(request.promptText, { name: /password/i }),
          value: '{{payload.password}}',
        },
        { action: 'click', element_id: findElementId(request.promptText, { role: 'button', name: /sign in|log in/i }) },
      ]);
    });
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/login`,
      goal: 'Log in and list my orders',
      payload: { username: FIXTURE_USER.username, password: FIXTURE_USER.password },
      extraction_schema: {
        type: 'object',
        required: ['orders'],
        properties: { orders: { type: 'array', items: { type: 'object', required: ['id', 'status'] } } },
      },
    });
    const task = await waitForStatus(platform, created.id);
    expect(task.status).toBe('completed');
    expect(task.output).toEqual({ orders: ACCOUNT_ORDERS.map((o) => ({ ...o })) });
    // The password went to the model as a placeholder and was typed only by the browser.
    expect(platform.llm.requests.some((r) => r.promptText.includes(FIXTURE_USER.password))).toBe(false);
    const seen = await expectRunRecord(platform, events, task.id, 'webbyflow.evt.task.completed.v1');
    expect(seen.filter((e) => e.subject === 'webbyflow.evt.browser.page_scraped.v1')).toHaveLength(2);
  });

  it('should end terminated with the reason when the goal is impossible', async () => {
    platform.llm.script(() =>
      answer([{ action: 'terminate', value: 'the contact page has no way to book a flight', reasoning: 'impossible' }]),
    );
    const hooks: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
    const receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body: JSON.parse(raw) });
        res.writeHead(hooks.length === 1 ? 503 : 204).end(); // the first delivery fails and is retried
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Book a flight to Mars',
      webhook_url: `http://127.0.0.1:${port}/hooks/webbyflow`,
    });
    const task = await waitForStatus(platform, created.id);
    expect(task).toMatchObject({
      status: 'terminated',
      failure_reason: 'the contact page has no way to book a flight',
    });
    await waitFor(() => hooks.length === 2, { what: 'the webhook delivery and its retry', timeoutMs: 15_000 });
    expect(hooks[1].headers['x-webbyflow-task-id']).toBe(task.id);
    expect(hooks[1].body).toMatchObject({
      event: 'task.terminated',
      task_id: task.id,
      status: 'terminated',
      failure_reason: 'the contact page has no way to book a flight',
    });
    receiver.close();
    await expectRunRecord(platform, events, task.id, 'webbyflow.evt.task.terminated.v1');
  });

  it('should cancel a running task, aborting its action in flight within 2 s, and close its browser session', async () => {
    platform.llm.script(() =>
      answer([{ action: 'wait', value: 30_000, reasoning: 'wait for a report that never comes' }]),
    );
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/slow?delay=60000`,
      goal: 'Wait forever',
    });
    await events.waitForTask(created.id, 'webbyflow.evt.llm.plan_generated.v1');
    const nc = await connect({ servers: platform.nats.url });
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => (await jsm.consumers.info(COMMANDS_STREAM, 'browser-browser-svc-e2e')).num_ack_pending === 1,
      { what: 'the 30 s wait in flight in browser-svc' },
    );
    await nc.close();
    const canceledAt = Date.now();
    const response = await platform.api(`/v1/tasks/${created.id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('canceled');
    const aborted = await events.waitFor(
      'webbyflow.evt.browser.failed.v1',
      (e) => e.correlationId === created.id && e.payload.operation === 'webbyflow.cmd.browser.execute_action.v1',
    );
    expect(aborted.payload.error).toMatchObject({ code: 'SESSION_CLOSED' });
    expect(Date.parse(aborted.occurredAt) - canceledAt).toBeLessThan(2_000);
    const closed = await events.waitForTask(created.id, 'webbyflow.evt.browser.session_closed.v1');
    expect(closed.map((e) => e.subject)).toContain('webbyflow.evt.task.canceled.v1');
    expect((await getTask(platform, created.id)).status).toBe('canceled');
    await expectRunRecord(platform, events, created.id, 'webbyflow.evt.task.canceled.v1');
    const again = await platform.api(`/v1/tasks/${created.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('should hide a task from another org and reject a missing key', async () => {
    platform.llm.script(() => answer([{ action: 'terminate', value: 'done', reasoning: 'x' }]));
    const created = await createTask(platform, { url: `${platform.fixturesUrl}/contact`, goal: 'anything' });
    expect((await platform.api(`/v1/tasks/${created.id}`, { key: platform.otherOrgApiKey })).status).toBe(404);
    expect((await fetch(`${platform.apiUrl}/v1/tasks/${created.id}`)).status).toBe(401);
    const mine = (await (await platform.api('/v1/tasks?limit=200')).json()) as { tasks: Array<{ id: string }> };
    const theirs = (await (await platform.api('/v1/tasks?limit=200', { key: platform.otherOrgApiKey })).json()) as {
      tasks: Array<{ id: string }>;
    };
    expect(mine.tasks[0].id).toBe(created.id);
    expect(theirs.tasks.map((t) => t.id)).not.toContain(created.id);
    await waitForStatus(platform, created.id);
  });
});
