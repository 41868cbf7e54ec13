import type { FakeLlmRequest, FakeLlmResponder } from './fake-llm.types';

/** A model call held by a `ModelGate`: it is answered only after `release()`. */
export interface HeldCall {
  /** Resolves with the request once a matching call arrived and is being held. */
  readonly reached: Promise<FakeLlmRequest>;
  release(): void;
}

interface Hold {
  matches: (request: FakeLlmRequest) => boolean;
  arrived: (request: FakeLlmRequest) => void;
  released: Promise<void>;
  taken: boolean;
}

/**
 * Wraps a fake-LLM responder so a test can hold a model call mid-flight: the request has reached the
 * "model" and the caller (llm-svc) waits for the answer, e.g. while the test kills a service.
 *
 *   const gate = new ModelGate();
 *   platform.llm.script(gate.wrap(checkoutDemo));
 *   const call = gate.hold((r) => /Place order/.test(r.promptText));
 *   await call.reached; await platform.kill('llm-svc'); call.release();
 */
export class ModelGate {
  private readonly holds: Hold[] = [];
  private count = 0;

  /** Model calls seen so far (held or not). */
  get calls(): number {
    return this.count;
  }

  wrap(responder: FakeLlmResponder): FakeLlmResponder {
    return async (request) => {
      this.count += 1;
      const hold = this.holds.find((h) => !h.taken && h.matches(request));
      if (hold) {
        hold.taken = true;
        hold.arrived(request);
        await hold.released;
      }
      return responder(request);
    };
  }

  /** Holds the next call that `matches` (default: the next call), once. */
  hold(matches: (request: FakeLlmRequest) => boolean = () => true): HeldCall {
    let arrived: (request: FakeLlmRequest) => void = () => undefined;
    let release: () => void = () => undefined;
    const reached = new Promise<FakeLlmRequest>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ matches, arrived, released, taken: false });
    return { reached, release };
  }
}
