import { contactFormDemo, expectedConfirmationNumber, isCompletionCheck } from '@webbyflow/testing';
import { startPlatform, type Platform } from './support/platform';
import { createTask, waitForStatus } from './support/task-polling';

// The LLM planner as a user meets it: the completion check on (the default), a model per task, usage and cost.
describe('the LLM planner through the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ env: { ORCHESTRATOR_COMPLETION_CHECK: 'true' } });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('should check the completion with the model before completing, and report usage per call and task', async () => {
    platform.llm.script(contactFormDemo);
    const email = 'ada@example.com';

    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Send the contact form and tell me the confirmation number',
      payload: { name: 'Ada Lovelace', email, topic: 'sales', message: 'Hello!' },
      extraction_schema: { type: 'object', properties: { confirmation_number: { type: 'string' } } },
      model: 'openai:gpt-4o-mini',
      max_steps: 5,
    });
    const task = (await waitForStatus(platform, created.id)) as unknown as Record<string, unknown>;

    expect(task).toMatchObject({
      status: 'completed',
      output: { confirmation_number: expectedConfirmationNumber(email) },
      model: 'openai:gpt-4o-mini',
      usage: { llm_calls: 3 },
    });
    expect((task.usage as { cost_usd: number }).cost_usd).toBeGreaterThan(0);
    const checks = platform.llm.requests.filter(isCompletionCheck);
    expect(checks).toHaveLength(1);
    expect(checks[0].model).toBe('gpt-4o-mini');
    const steps = (await (await platform.api(`/v1/tasks/${created.id}/steps`)).json()) as {
      steps: Array<{ llm_calls: Array<{ outcome: string }>; cost_usd: number }>;
    };
    expect(steps.steps.at(-1)?.llm_calls.map((call) => call.outcome)).toEqual(['ok', 'ok']);
  });
});
