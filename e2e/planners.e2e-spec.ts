import {
  ACCOUNT_ORDERS,
  contactFormDemo,
  EventRecorder,
  expectedConfirmationNumber,
  FIXTURE_USER,
} from '@webbyflow/testing';
import { startPlatform, type Platform } from './support/platform';
import { createTask, waitForStatus } from './support/task-polling';

interface StepsBody {
  steps: Array<{
    planner: string | null;
    planner_confidence: number | null;
    actions: Array<{ type: string; status: string }>;
  }>;
}

const CONFIRMATION_SCHEMA = {
  type: 'object',
  required: ['confirmation_number'],
  properties: { confirmation_number: { type: 'string', pattern: '^WF-\\d{6}$' } },
};

describe('planners through the gateway', () => {
  let platform: Platform;
  let events: EventRecorder;
  const steps = async (id: string) => (await (await platform.api(`/v1/tasks/${id}/steps`)).json()) as StepsBody;
  const plannersOf = (id: string) =>
    events
      .forTask(id)
      .filter((e) => e.subject === 'webbyflow.evt.llm.plan_generated.v1')
      .map((e) => (e.payload as { planner?: string }).planner);

  const stop = async () => {
    await events?.stop();
    await platform?.stop();
  };

  describe('with no model configured at all', () => {
    beforeAll(async () => {
      platform = await startPlatform({ model: false });
      events = await EventRecorder.start(platform.nats.url);
    });
    afterAll(stop);

    it('should complete the contact form and the login with the heuristic planner when no LLM variable is set', async () => {
      const email = 'grace@example.com';
      const contact = await createTask(platform, {
        url: `${platform.fixturesUrl}/contact`,
        goal: 'Send the contact form and tell me the confirmation number',
        payload: { name: 'Grace Hopper', email, topic: 'Technical support', message: 'Call me.', subscribe: true },
        extraction_schema: CONFIRMATION_SCHEMA,
        max_steps: 4,
      });
      const login = await createTask(platform, {
        url: `${platform.fixturesUrl}/login`,
        goal: 'Log in and list my orders',
        payload: { username: FIXTURE_USER.username, password: FIXTURE_USER.password },
        extraction_schema: {
          type: 'object',
          required: ['orders'],
          properties: {
            orders: {
              type: 'array',
              items: {
                type: 'object',
                required: ['order', 'status'],
                properties: {
                  order: { type: 'string' },
                  date: { type: 'string' },
                  amount: { type: 'string' },
                  status: { type: 'string' },
                },
              },
            },
          },
        },
        max_steps: 4,
      });

      const sent = await waitForStatus(platform, contact.id);
      expect(sent).toMatchObject({
        status: 'completed',
        output: { confirmation_number: expectedConfirmationNumber(email) },
      });
      const contactSteps = await steps(contact.id);
      expect(contactSteps.steps.map((s) => s.planner)).toEqual(['heuristic', 'heuristic']);
      expect(contactSteps.steps[0].actions.map((a) => a.type)).toEqual([
        'input_text',
        'input_text',
        'select_option',
        'input_text',
        'checkbox',
        'click',
      ]);
      expect(contactSteps.steps[0].planner_confidence).toBeGreaterThan(0.7);

      const signedIn = await waitForStatus(platform, login.id);
      expect(signedIn).toMatchObject({ status: 'completed', step_count: 2 });
      expect(signedIn.output).toEqual({
        orders: ACCOUNT_ORDERS.map((o) => ({ order: o.id, date: o.date, amount: o.amount, status: o.status })),
      });
      await events.waitForTask(login.id, 'webbyflow.evt.task.completed.v1');
      expect(plannersOf(login.id)).toEqual(['heuristic', 'heuristic']);
      // the password went through the plan as a placeholder; only the browser typed it
      const plans = events.forTask(login.id).filter((e) => e.subject === 'webbyflow.evt.llm.plan_generated.v1');
      expect(JSON.stringify(plans)).not.toContain(FIXTURE_USER.password);
      expect(JSON.stringify(plans)).toContain('{{payload.password}}');
      expect(platform.llm.requests).toHaveLength(0);
    });

    it('should refuse a planner the API does not offer with a 400 naming the field', async () => {
      const res = await platform.api('/v1/tasks', {
        method: 'POST',
        body: JSON.stringify({ url: `${platform.fixturesUrl}/contact`, goal: 'x', planner: 'gpt-4o' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ field: 'planner' }] } });
    });
  });

  describe('with a model configured', () => {
    beforeAll(async () => {
      platform = await startPlatform();
      events = await EventRecorder.start(platform.nats.url);
    });
    afterAll(stop);

    it('should hand over to the model in auto when the heuristic is not confident, and back when it is', async () => {
      platform.llm.script(contactFormDemo);
      const email = 'ada@example.com';
      // `shoe_size` has no field: the heuristic does not know where it goes, so the model plans the form
      const created = await createTask(platform, {
        url: `${platform.fixturesUrl}/contact`,
        goal: 'Send the contact form and tell me the confirmation number',
        payload: { name: 'Ada Lovelace', email, topic: 'support', message: 'Hi', shoe_size: 42 },
        extraction_schema: CONFIRMATION_SCHEMA,
        planner: 'auto',
        max_steps: 4,
      });

      const task = await waitForStatus(platform, created.id);
      expect(task).toMatchObject({
        status: 'completed',
        output: { confirmation_number: expectedConfirmationNumber(email) },
      });
      const { steps: list } = await steps(created.id);
      expect(list.map((s) => s.planner)).toEqual(['llm', 'heuristic']);
      expect(list[0].planner_confidence).toBeLessThan(0.7);
      expect(platform.llm.requests).toHaveLength(1);
      await events.waitForTask(created.id, 'webbyflow.evt.task.completed.v1');
      expect(plannersOf(created.id)).toEqual(['llm', 'heuristic']);
      const body = (await (await platform.api(`/v1/tasks/${created.id}`)).json()) as { planner: string };
      expect(body.planner).toBe('auto');
    });
  });
});
