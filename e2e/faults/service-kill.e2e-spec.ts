import { waitFor } from '@webbyflow/testing';
import { startPlatform, type Platform } from '../support/platform';
import { expectConsistentRecord, expectRecovered } from './fault-checks';
import { finishRun, heldCall, orderPlaced, startCheckoutRun } from './fault-run';
import { FAULT_ENV, scenario } from './scenario';

/**
 * Issue 6: one service at a time is killed with SIGKILL during a four-step checkout on the fixture site
 * (cart → shipping → review → "Place order" → done). Every run must end, leave no run behind and keep a
 * clean record on the stream; where recovery is possible it must complete with the order placed once.
 */
describe('fault: a service killed with SIGKILL during a checkout run', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ ownPostgres: true, env: FAULT_ENV });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('should complete the checkout with one order when nothing breaks (baseline)', async () => {
    const outcome = await finishRun(platform, await startCheckoutRun(platform));
    expectConsistentRecord(outcome);
    expectRecovered(outcome);
    expect(outcome.task.step_count).toBe(4);
  });

  describe('llm-svc killed during a model call', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      await platform.kill('llm-svc');
      call.release(); // the answer goes to a dead socket
      await platform.start('llm-svc');
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('orchestrator killed while its run waits for the model', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'review' });
      const call = await heldCall(run);
      await platform.kill('orchestrator');
      call.release(); // plan_generated waits on the stream for the orchestrator
      await platform.start('orchestrator');
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('orchestrator killed while "Place order" is in flight', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { placeDelayMs: 3_000 });
      await orderPlaced(platform, run);
      await platform.kill('orchestrator'); // action_executed arrives while it is down
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await platform.start('orchestrator');
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('artifact-svc killed while the next page is scraped', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      await platform.kill('artifact-svc');
      call.release(); // the shipping form is sent; the review page's screenshot and tree find no store
      await waitFor(() => /retrying webbyflow\.cmd\.browser\.scrape_page/.test(platform.logs('browser-svc')), {
        timeoutMs: 20_000,
        what: 'browser-svc to retry the scrape',
      }).catch(() => undefined);
      await platform.start('artifact-svc');
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('browser-svc killed while the model plans the shipping page', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      await platform.kill('browser-svc');
      await platform.start('browser-svc');
      call.release();
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    // The restarted instance has no context (SESSION_NOT_FOUND): the recovery coordinator opens a new session at
    // the step's URL and the run re-scrapes and re-plans in the next step.
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('browser-svc killed after "Place order" reached the site, before the answer', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { placeDelayMs: 5_000 });
      await orderPlaced(platform, run);
      await platform.kill('browser-svc');
      await platform.start('browser-svc');
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    // The click with no answer is marked failed and never re-sent; the new session at the step's URL shows the
    // placed order, and the run completes from there.
    it('should complete without placing the order again', async () => expectRecovered(await outcome()));
  });

  describe('browser-svc killed and not back before the run deadline', () => {
    let detectedAfterMs = Number.NaN;
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      // A second instance, up only now so the run's session is on the first one.
      await platform.startReplica('browser-svc', 'browser-svc-2');
      const killedAt = Date.now();
      await platform.kill('browser-svc'); // and it stays down: only its heartbeat's silence tells
      call.release();
      const detected = await waitFor(
        async () =>
          (
            await platform.sql<{ at: Date }>(
              `SELECT created_at AS at FROM recovery_attempts WHERE task_id = $1 AND code = 'SESSION_LOST'`,
              [run.task.id],
            )
          )[0]?.at,
        { timeoutMs: 30_000, what: 'the lost owner to be noticed' },
      );
      detectedAfterMs = detected.getTime() - killedAt;
      console.log(`[fault] the silent browser-svc was noticed ${detectedAfterMs} ms after the kill`);
      try {
        return await finishRun(platform, run);
      } finally {
        await platform.start('browser-svc');
      }
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should notice the silent instance within 10 s', async () => {
      await outcome();
      expect(detectedAfterMs).toBeLessThan(10_000);
    });
    it('should complete on another browser session', async () => expectRecovered(await outcome()));
  });
});
