import { contactFormDemo, expectedConfirmationNumber } from '@webbyflow/testing';
import { startPlatform, type Platform } from './support/platform';
import { createTask, waitForStatus } from './support/task-polling';

interface Steps {
  steps: Array<{
    planner: string | null;
    cache_miss: string | null;
    llm_calls: unknown[];
    actions: Array<{ input: Record<string, unknown> }>;
  }>;
}
interface CachedTask {
  status: string;
  output: unknown;
  failure_reason: string | null;
  usage: { llm_calls: number; input_tokens: number; cost_usd: number };
  plan_cache: { mode: string; outcome: string | null; steps_replayed: number; recorded: boolean };
  artifacts: Array<{ kind: string; step_index: number | null; url: string }>;
}

const GOAL = 'Send the contact form and tell me the confirmation number';
const SCHEMA = { type: 'object', properties: { confirmation_number: { type: 'string' } } };
const person = (name: string, email: string, topic: string) => ({ name, email, topic, message: `Hello from ${name}` });

/**
 * The action-plan cache as a user meets it (issue 4): a task planned by the model once is replayed for the
 * next task with the same URL pattern, goal and payload keys — other values, zero model calls — and
 * `cache_only` / `plan_cache` behave as documented.
 */
describe('the action-plan cache through the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
    platform.llm.script(contactFormDemo);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const run = async (body: Record<string, unknown>) => {
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: GOAL,
      max_steps: 5,
      ...body,
    });
    const task = (await waitForStatus(platform, created.id)) as unknown as CachedTask;
    const steps = (await (await platform.api(`/v1/tasks/${created.id}/steps`)).json()) as Steps;
    return { task, steps: steps.steps };
  };
  /** The contact form sent for one person, asking for the confirmation number. */
  const contact = (name: string, email: string, topic: string, body: Record<string, unknown>) =>
    run({ payload: person(name, email, topic), extraction_schema: SCHEMA, ...body });

  it('should replay a completed LLM run for other payload values with zero model calls', async () => {
    const first = await contact('Ada Lovelace', 'ada@example.com', 'sales', { planner: 'llm' });
    expect(first.task).toMatchObject({
      status: 'completed',
      plan_cache: { mode: 'use', outcome: 'none', steps_replayed: 0, recorded: true },
    });
    expect(first.task.usage.llm_calls).toBeGreaterThan(0);
    const callsBefore = platform.llm.requests.length;

    // Another case on the same letter: new values, new confirmation number, read again from the page.
    const email = 'grace@example.com';
    const second = await contact('Grace Hopper', email, 'support', { planner: 'llm' });

    expect(platform.llm.requests.length).toBe(callsBefore);
    expect(second.task).toMatchObject({
      status: 'completed',
      output: { confirmation_number: expectedConfirmationNumber(email) },
      usage: { llm_calls: 0, input_tokens: 0, cost_usd: 0 },
      plan_cache: { outcome: 'hit', steps_replayed: first.steps.length, recorded: false },
    });
    expect(second.steps.map((s) => s.planner)).toEqual(first.steps.map(() => 'cache'));
    // The cached actions carry references; the values typed were this task's (the page thanks Grace).
    const typed = second.steps.flatMap((s) => s.actions.map((a) => a.input.text)).filter(Boolean);
    expect(typed).toEqual(expect.arrayContaining(['{{payload.name}}', '{{payload.email}}']));
    const lastHtml = second.task.artifacts.filter((a) => a.kind === 'html').at(-1);
    const html = await (await fetch(lastHtml!.url, { headers: { 'x-api-key': platform.apiKey } })).text();
    expect(html).toContain('Thank you, Grace Hopper!');
    const [entry] = await platform.sql<{ steps: unknown; hits: number }>(
      `SELECT steps, hits FROM cached_action_plans WHERE goal = $1`,
      [GOAL.toLowerCase()],
    );
    expect(entry?.hits).toBe(1);
    expect(JSON.stringify(entry?.steps)).not.toMatch(/Ada Lovelace|ada@example\.com|Grace|grace@/);
  });

  it('should read no cache with plan_cache refresh and fail cache_only with CACHE_MISS when nothing is cached', async () => {
    const callsBefore = platform.llm.requests.length;
    const refreshed = await contact('Alan Turing', 'alan@example.com', 'billing', {
      planner: 'llm',
      plan_cache: 'refresh',
    });
    expect(refreshed.task).toMatchObject({ status: 'completed', plan_cache: { outcome: 'bypassed', recorded: true } });
    expect(platform.llm.requests.length).toBeGreaterThan(callsBefore);

    const uncached = await run({ payload: { name: 'Ada' }, goal: 'Only type my name', planner: 'cache_only' });
    expect(uncached.task.status).toBe('failed');
    expect(uncached.task.failure_reason).toMatch(/cache_only.*no plan for this URL pattern, goal and payload keys/);
    expect(uncached.steps[0]?.cache_miss).toMatch(/no plan/);
  });

  it('should replay with cache_only, and plan afresh with the reason on the step when the page differs', async () => {
    const callsBefore = platform.llm.requests.length;
    const replayed = await contact('Edsger Dijkstra', 'ewd@example.com', 'other', { planner: 'cache_only' });
    expect(replayed.task).toMatchObject({
      status: 'completed',
      plan_cache: { outcome: 'hit' },
      usage: { llm_calls: 0 },
    });
    expect(platform.llm.requests.length).toBe(callsBefore);

    // The entry now says the first page had other controls: its first step cannot be replayed here.
    await platform.sql(
      `UPDATE cached_action_plans SET steps = jsonb_set(steps, '{0,pageFingerprint}', '"another page"') WHERE goal = $1`,
      [GOAL.toLowerCase()],
    );
    const other = await contact('Barbara Liskov', 'barbara@example.com', 'sales', { planner: 'llm' });
    expect(other.task).toMatchObject({
      status: 'completed',
      plan_cache: { outcome: 'miss', steps_replayed: 0, recorded: true },
    });
    expect(other.steps[0]?.planner).toBe('llm');
    expect(other.steps[0]?.cache_miss).toMatch(/other controls/);
    const [entry] = await platform.sql<{ misses: number; first: string }>(
      `SELECT misses, steps->0->>'pageFingerprint' AS first FROM cached_action_plans WHERE goal = $1`,
      [GOAL.toLowerCase()],
    );
    // The miss is counted and the entry rewritten from the run that planned afresh.
    expect(entry).toMatchObject({ misses: 1 });
    expect(entry?.first).not.toBe('another page');

    // The org sees its entries and their counters; another org sees none of them.
    const listed = (await (await platform.api('/v1/plan-cache')).json()) as {
      entries: Array<{
        goal: string;
        hits: number;
        misses: number;
        heals: number;
        steps: number;
        payload_keys: string[];
      }>;
    };
    expect(listed.entries.find((e) => e.goal === GOAL.toLowerCase())).toMatchObject({
      hits: 2,
      misses: 1,
      heals: 0,
      steps: 2,
      payload_keys: ['email', 'message', 'name', 'topic'],
    });
    const otherOrg = (await (await platform.api('/v1/plan-cache', { key: platform.otherOrgApiKey })).json()) as {
      entries: unknown[];
    };
    expect(otherOrg.entries).toEqual([]);
  });
});
