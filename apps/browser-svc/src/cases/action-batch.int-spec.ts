import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { BrowserSessionManager } from '@webbyflow/browser';
import type { BrowserActionV1, PayloadOf } from '@webbyflow/contracts';
import { buildEnvelope, encode } from '@webbyflow/messaging';
import { waitFor } from '@webbyflow/testing';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('actions: one execute_action command with the actions that follow it', () => {
  let h: BrowserSvcHarness;

  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterEach(async () => {
    await h.app.get(BrowserSessionManager).closeAll('case done');
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Publishes the command to this instance without a Nats-Msg-Id, so a second delivery is a redelivery. */
  async function sendBatch(taskId: string, actions: BrowserActionV1[]) {
    const [action, ...rest] = actions;
    const command = buildEnvelope(
      'webbyflow.cmd.browser.execute_action.v1',
      {
        taskId,
        stepIndex: 1,
        actionIndex: 0,
        action,
        following: rest.map((next, i) => ({ actionIndex: i + 1, action: next })),
      },
      { id: `${taskId}:s1:a0:execute_action:${randomUUID()}`, correlationId: taskId, causationId: null, orgId: 'org' },
    );
    const { INSTANCE_ID } = h.app.get<BrowserSvcConfig>(BROWSER_SVC_CONFIG);
    const deliver = () => jetstream(h.nc).publish(`${command.subject}.${INSTANCE_ID}`, encode(command));
    await deliver();
    return { deliver };
  }

  const results = (taskId: string) =>
    h.events
      .forTask(taskId)
      .filter((e) => e.subject === 'webbyflow.evt.browser.action_executed.v1')
      .map((e) => {
        const { actionIndex, result } = e.payload as PayloadOf<'webbyflow.evt.browser.action_executed.v1'>;
        return { actionIndex, success: result.success, code: result.error?.code };
      });
  const count = (taskId: string) => h.page(taskId).locator('#count').textContent();

  it('should run the actions in order, answer each, and stop at the first that fails', async () => {
    const taskId = await h.open('action-batch.html');
    const { tree } = await h.scrape(taskId);
    const add = { type: 'click' as const, elementId: h.element(tree, 'button', 'Add one').id, reasoning: '' };
    const note = h.element(tree, 'textbox', 'Note').id;

    await sendBatch(taskId, [
      { type: 'input_text', elementId: note, text: 'two clicks', pressEnter: false, reasoning: '' },
      add,
      add,
      { type: 'click', elementId: 'e999', reasoning: '' },
      add,
    ]);

    await waitFor(() => results(taskId).length === 4, { what: 'four answers' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // an action after the failure would answer by now
    expect(results(taskId)).toEqual([
      { actionIndex: 0, success: true, code: undefined },
      { actionIndex: 1, success: true, code: undefined },
      { actionIndex: 2, success: true, code: undefined },
      { actionIndex: 3, success: false, code: 'ELEMENT_NOT_FOUND' },
    ]);
    expect(await count(taskId)).toBe('2');
    expect(await h.page(taskId).inputValue('#note')).toBe('two clicks');
  });

  it('should answer a redelivered command from the records of its actions, without acting again', async () => {
    const taskId = await h.open('action-batch.html');
    const { tree } = await h.scrape(taskId);
    const add = { type: 'click' as const, elementId: h.element(tree, 'button', 'Add one').id, reasoning: '' };
    const publish = jest.spyOn(h.bus, 'publish');
    const answered = () =>
      publish.mock.calls.filter(([subject]) => subject === 'webbyflow.evt.browser.action_executed.v1').length;
    try {
      const { deliver } = await sendBatch(taskId, [add, add, add]);
      await waitFor(() => results(taskId).length === 3, { what: 'three answers' });

      await deliver();

      await waitFor(() => answered() === 6, { what: 'the redelivery answered' });
      await new Promise((resolve) => setTimeout(resolve, 300)); // give a stray copy time to land in the stream
      expect(results(taskId)).toHaveLength(3); // the same message ids: JetStream kept one of each
      expect(await count(taskId)).toBe('3');
    } finally {
      publish.mockRestore();
    }
  });
});
