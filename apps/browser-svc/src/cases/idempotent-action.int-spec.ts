import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { BrowserSessionManager } from '@webbyflow/browser';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { buildEnvelope, encode, MessageBus } from '@webbyflow/messaging';
import { waitFor } from '@webbyflow/testing';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

type ExecuteAction = Envelope<PayloadOf<'webbyflow.cmd.browser.execute_action.v1'>>;

describe('actions: a redelivered execute_action does not act twice', () => {
  let h: BrowserSvcHarness;
  let publish: jest.SpiedFunction<MessageBus['publish']>;

  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  beforeEach(() => {
    publish = jest.spyOn(h.bus, 'publish');
  });
  afterEach(async () => {
    publish.mockRestore();
    await h.app.get(BrowserSessionManager).closeAll('case done');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A "Place order" command for a fresh session, and a way to deliver it (again) past JetStream's de-duplication. */
  async function placeOrderCommand(): Promise<{
    taskId: string;
    command: ExecuteAction;
    deliver: () => Promise<void>;
  }> {
    const taskId = await h.open('idempotent-order.html');
    const { tree } = await h.scrape(taskId);
    const command = buildEnvelope(
      'webbyflow.cmd.browser.execute_action.v1',
      {
        taskId,
        stepIndex: 1,
        actionIndex: 0,
        action: { type: 'click', elementId: h.element(tree, 'button', 'Place order').id, reasoning: '' },
      },
      { id: `${taskId}:s1:a0:execute_action:${randomUUID()}`, correlationId: taskId, causationId: null, orgId: 'org' },
    );
    const { INSTANCE_ID } = h.app.get<BrowserSvcConfig>(BROWSER_SVC_CONFIG);
    // No Nats-Msg-Id: the stream keeps each copy, as it does for a redelivery of one message.
    const deliver = async () => {
      await jetstream(h.nc).publish(`${command.subject}.${INSTANCE_ID}`, encode(command));
    };
    return { taskId, command, deliver };
  }

  /** Every action_executed the service published (JetStream keeps one per id), and what the stream holds. */
  function answers(taskId: string) {
    const published = publish.mock.calls.filter(([subject]) => subject === 'webbyflow.evt.browser.action_executed.v1');
    const stored = h.events.forTask(taskId).filter((e) => e.subject === 'webbyflow.evt.browser.action_executed.v1');
    return { published, stored };
  }

  const orders = (taskId: string) => h.page(taskId).locator('#orders').textContent();

  it('should click once and answer a copy delivered while the click is in flight with the same result', async () => {
    const { taskId, deliver } = await placeOrderCommand();
    await deliver();
    await deliver(); // the page is still blocked in the first click's handler

    await waitFor(() => answers(taskId).published.length === 2 && answers(taskId).stored.length > 0, {
      what: 'both deliveries answered and the answer on the stream',
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // give a stray copy time to land in the stream
    const { published, stored } = answers(taskId);
    expect(published[0]?.[1]).toEqual(published[1]?.[1]);
    expect(published[0]?.[2].id).toBe(published[1]?.[2].id);
    expect(stored).toHaveLength(1); // the second publish had the same id: JetStream dropped it
    expect(stored[0]?.payload).toMatchObject({ result: { success: true, outcome: 'done' } });
    expect(await orders(taskId)).toBe('1');
  });

  it('should answer a copy delivered after the click finished from the record, without touching the page', async () => {
    const { taskId, deliver } = await placeOrderCommand();
    await deliver();
    await waitFor(() => answers(taskId).stored.length === 1, { what: 'the first answer' });
    await deliver();

    await waitFor(() => answers(taskId).published.length === 2, { what: 'the redelivery answered' });
    const { published, stored } = answers(taskId);
    expect(published[1]?.[1]).toEqual(published[0]?.[1]);
    expect(published[1]?.[2].id).toBe(published[0]?.[2].id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // give a stray copy time to land in the stream
    expect(answers(taskId).stored).toHaveLength(stored.length);
    expect(stored).toHaveLength(1);
    expect(await orders(taskId)).toBe('1');
  });

  it('should still fail with SESSION_NOT_FOUND when the session is gone (a restarted process)', async () => {
    const { taskId, command, deliver } = await placeOrderCommand();
    await h.app.get(BrowserSessionManager).close(taskId, 'simulated restart');
    await deliver();

    const failed = await h.events.waitFor(
      'webbyflow.evt.browser.failed.v1',
      (e) => e.correlationId === taskId && e.causationId === command.id,
    );
    expect(failed.payload.error).toMatchObject({ code: 'SESSION_NOT_FOUND', terminal: true });
    expect(answers(taskId).published).toHaveLength(0);
  });
});
