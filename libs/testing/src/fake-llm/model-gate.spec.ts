import type { FakeLlmRequest } from './fake-llm.types';
import { ModelGate } from './model-gate';

const request = (promptText: string) => ({ promptText }) as FakeLlmRequest;

describe(ModelGate.name, () => {
  it('should hold the first matching call until release, and let the others through', async () => {
    const gate = new ModelGate();
    const responder = gate.wrap((r) => `answer to ${r.promptText}`);
    const held = gate.hold((r) => r.promptText === 'b');

    expect(await responder(request('a'))).toBe('answer to a');
    let answered = false;
    const pending = Promise.resolve(responder(request('b'))).then((reply) => {
      answered = true;
      return reply;
    });
    expect((await held.reached).promptText).toBe('b');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    expect(await responder(request('b'))).toBe('answer to b'); // held once only
    held.release();
    expect(await pending).toBe('answer to b');
    expect(gate.calls).toBe(3);
  });
});
