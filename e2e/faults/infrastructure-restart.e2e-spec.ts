import { startPlatform, type Platform } from '../support/platform';
import { expectConsistentRecord, expectRecovered } from './fault-checks';
import { finishRun, heldCall, orderPlaced, startCheckoutRun } from './fault-run';
import { FAULT_ENV, scenario } from './scenario';

/**
 * Issue 6: the platform's own NATS and Postgres are restarted during a checkout run (both private to this
 * file, so the machine's shared servers are never touched).
 */
describe('fault: NATS or Postgres restarted during a checkout run', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ ownPostgres: true, env: FAULT_ENV });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('NATS killed and restarted (same port and JetStream store) during a model call', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      await platform.nats.restart({ signal: 'SIGKILL', downtimeMs: 1_000 });
      call.release();
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('NATS down for 3 s while "Place order" is in flight', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { placeDelayMs: 2_000 });
      await orderPlaced(platform, run);
      await platform.nats.restart({ signal: 'SIGKILL', downtimeMs: 3_000 }); // action_executed has nowhere to go
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('NATS down for 3 s while an in-page "Place order" (fetch, the button stays) is in flight', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { placeDelayMs: 1_000, placeMode: 'fetch' });
      await orderPlaced(platform, run);
      await platform.nats.restart({ signal: 'SIGKILL', downtimeMs: 3_000 });
      return finishRun(platform, run);
    });
    // browser-svc keeps re-publishing action_executed until NATS is back (the command stays in progress), and
    // a redelivered execute_action is answered from its record of that command id: the button is clicked once.
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('Postgres restarted (fast shutdown) during a model call', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'shipping' });
      const call = await heldCall(run);
      await platform.postgres!.restart({ mode: 'fast', downtimeMs: 1_000 });
      call.release();
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });

  describe('Postgres killed (SIGKILL) while the plan for "Place order" comes back', () => {
    const outcome = scenario(async () => {
      const run = await startCheckoutRun(platform, { holdAt: 'review' });
      const call = await heldCall(run);
      await platform.postgres!.kill();
      call.release(); // the orchestrator cannot store the plan: the event waits for the database
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await platform.postgres!.start();
      return finishRun(platform, run);
    });
    it('should end the run with a consistent record', async () => expectConsistentRecord(await outcome()));
    it('should complete with the order placed once', async () => expectRecovered(await outcome()));
  });
});
