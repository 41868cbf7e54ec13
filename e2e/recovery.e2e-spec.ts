import { contactFormDemo, EventRecorder, expectedConfirmationNumber, waitFor } from '@webbyflow/testing';
import { startPlatform, type Platform, type Service } from './support/platform';
import { expectRunRecord } from './support/run-checks';
import { createTask, waitForStatus } from './support/task-polling';

const SCHEMA = {
  type: 'object',
  required: ['confirmation_number'],
  properties: { confirmation_number: { type: 'string' } },
};

/**
 * The contact-form demo behind a gate: model calls wait until `release()` (all of them, or only the first),
 * so a test can break something while a run is known to be mid-step.
 */
/** Gates not yet released: a failed test releases them in afterAll, or the fake LLM's close would wait forever. */
const gates = new Set<() => void>();

function gateModel(platform: Platform, onlyFirstCall = false) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  gates.add(release);
  let calls = 0;
  platform.llm.script(async (request) => {
    calls += 1;
    if (!onlyFirstCall || calls === 1) await gate;
    return contactFormDemo(request);
  });
  return { release: () => release(), calls: () => calls };
}

/** A service killed with SIGKILL while it holds a message gets it again after restart; the run completes. */
describe('a service killed mid-message', () => {
  let platform: Platform;
  let events: EventRecorder;

  beforeAll(async () => {
    platform = await startPlatform();
    events = await EventRecorder.start(platform.nats.url);
  });

  afterAll(async () => {
    for (const release of gates) release();
    await events?.stop();
    await platform?.stop();
  });

  beforeEach(() => platform.llm.reset());

  it.each<[Service, string]>([
    ['llm-svc', 'while the model is answering'],
    ['orchestrator', 'while its run waits for the model'],
  ])('should not lose the run when %s is killed %s', async (service) => {
    const model = gateModel(platform, true); // the first planning call hangs until the kill happened
    const email = `${service}@example.com`;
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Send the contact form and tell me the confirmation number',
      plan_cache: 'off', // each run must plan with the model (the kills wait for its calls)
      payload: { name: 'Kill Test', email, message: 'still here?' },
      extraction_schema: SCHEMA,
    });
    await waitFor(() => model.calls() >= 1, { what: 'the first model call', timeoutMs: 30_000 });
    await platform.kill(service);
    model.release();
    await platform.start(service);

    const task = await waitForStatus(platform, created.id, undefined, 120_000);
    expect(task).toMatchObject({
      status: 'completed',
      output: { confirmation_number: expectedConfirmationNumber(email) },
    });
    const seen = await expectRunRecord(platform, events, task.id, 'webbyflow.evt.task.completed.v1');
    // Redelivery and re-publishing never duplicate a fact: one plan per step, one result per action.
    const plans = seen.filter((e) => e.subject === 'webbyflow.evt.llm.plan_generated.v1');
    expect(plans.map((e) => e.id)).toEqual([...new Set(plans.map((e) => e.id))]);
    expect(plans).toHaveLength(2);
  });

  it('should complete in a new browser session when browser-svc dies with the session', async () => {
    const model = gateModel(platform);
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Send the contact form',
      plan_cache: 'off', // each run must plan with the model (the kills wait for its calls)
      payload: { name: 'Lost Session', email: 'lost@example.com', message: 'hello' },
    });
    await waitFor(() => platform.llm.requests.length > 0, { what: 'the first model call', timeoutMs: 30_000 });
    await platform.kill('browser-svc');
    await platform.start('browser-svc');
    model.release();
    // The restarted instance finds no session for the run's next command; the recovery coordinator opens a new one.
    const task = await waitForStatus(platform, created.id, undefined, 60_000);
    expect(task).toMatchObject({ status: 'completed', failure_reason: null });
    await events.waitForTask(task.id, 'webbyflow.evt.orchestrator.recovery_succeeded.v1');
  });

  it('should end the run failed soon, with the reason, when browser-svc is stopped and none is left', async () => {
    const model = gateModel(platform);
    const created = await createTask(platform, {
      url: `${platform.fixturesUrl}/contact`,
      goal: 'Send the contact form',
      plan_cache: 'off', // each run must plan with the model (the kills wait for its calls)
      payload: { name: 'Redeploy', email: 'redeploy@example.com', message: 'hello' },
    });
    await waitFor(() => platform.llm.requests.length > 0, { what: 'the first model call', timeoutMs: 30_000 });
    const stoppedAt = Date.now();
    await platform.terminate('browser-svc');
    // SESSION_LOST → a replacement session is asked for; none opens within RECOVERY_SESSION_TIMEOUT_MS (20 s).
    const task = await waitForStatus(platform, created.id, undefined, 60_000);
    expect(task.status).toBe('failed');
    expect(task.failure_reason).toMatch(
      /^browser failed with SESSION_LOST: browser-svc instance .* shut down.*recovery exhausted \(no browser session opened within 20 s\): tried new_session ×1/,
    );
    expect(Date.now() - stoppedAt).toBeLessThan(40_000); // not the run's 600 s deadline
    model.release();
    await platform.start('browser-svc');
  });
});
