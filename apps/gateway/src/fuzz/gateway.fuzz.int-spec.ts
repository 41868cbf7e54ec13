import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import fc from 'fast-check';
import { DEFAULT_BODY_LIMIT_BYTES } from '../http/body-limit';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { describeCase, type FuzzCase, judgeAnswer } from '../testing/fuzz/fuzz-case';
import { badRequest, type FuzzWorld } from '../testing/fuzz/fuzz-cases';
import { fuzzEndpoints } from '../testing/fuzz/fuzz-endpoints';
import { storedData } from '../testing/fuzz/stored-data';

// Fixed, so a failure reproduces: FUZZ_SEED=<seed> npx jest apps/gateway/src/fuzz --selectProjects int
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const BATCH = Number(process.env.FUZZ_BATCH ?? 16);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);

describe('gateway under malformed requests (fuzz)', () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'fuzz', { DATABASE_POOL_SIZE: '4' });
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  /** Two tasks (one running, one finished with a webhook) and an artifact per org, all valid. */
  async function seed(key: string, orgId: string) {
    const create = async (body: object) =>
      ((await (await gw.call('POST', '/v1/tasks', { key, body })).json()) as { id: string }).id;
    const running = await create({ url: 'https://shop.example/a', goal: 'Fill the form' });
    const finished = await create({
      url: 'https://shop.example/b',
      goal: 'Read it',
      webhook_url: 'https://h.example/x',
    });
    const view = gw.orchestrator.tasks.get(finished)!;
    gw.orchestrator.tasks.set(finished, { ...view, status: 'completed', output: { ok: true } });
    const artifact = gw.artifactSvc.add(orgId, Buffer.from('png bytes'));
    return { key, tasks: [running, finished], artifact: artifact.id };
  }

  async function send(test: FuzzCase): Promise<string | null> {
    const { method, target, headers } = test.request;
    const body = test.request.body instanceof Uint8Array ? new Uint8Array(test.request.body) : test.request.body;
    try {
      const res = await fetch(`${gw.url}${target}`, { method, headers, body, signal: AbortSignal.timeout(20_000) });
      const problem = judgeAnswer(test, res.status, await res.text());
      return problem && `${problem}\n    ${describeCase(test)}`;
    } catch (error) {
      const cause = (error as Error).cause;
      const reason = cause instanceof Error ? cause.message : '';
      return `request failed: ${String(error)} ${reason}\n    ${describeCase(test)}`;
    }
  }

  it(`should answer ${REQUESTS} malformed requests with a 4xx naming the fault and change no stored data`, async () => {
    const a = await seed(gw.orgA.key, gw.orgA.id);
    const b = await seed(gw.orgB.key, gw.orgB.id);
    const world: FuzzWorld = {
      endpoints: fuzzEndpoints(),
      views: [
        {
          own: { key: a.key, task: a.tasks[0], artifact: a.artifact },
          other: { tasks: b.tasks, artifacts: [b.artifact] },
        },
        {
          own: { key: b.key, task: b.tasks[0], artifact: b.artifact },
          other: { tasks: a.tasks, artifacts: [a.artifact] },
        },
      ],
      revokedKey: gw.revokedKey,
      bodyLimit: DEFAULT_BODY_LIMIT_BYTES,
    };
    const artifacts = { a: [a.artifact], b: [b.artifact] };
    const before = await storedData(gw, artifacts);

    let sent = 0;
    const started = Date.now();
    const property = fc.asyncProperty(
      fc.array(badRequest(world), { minLength: BATCH, maxLength: BATCH }),
      async (batch) => {
        sent += batch.length;
        const problems = (await Promise.all(batch.map(send))).filter((p): p is string => p !== null);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      },
    );
    try {
      await fc.assert(property, { seed: SEED, numRuns: Math.ceil(REQUESTS / BATCH) });
    } catch (error) {
      // fast-check keeps the property's own error (which requests failed, and how) as the cause.
      const { message, cause } = error as Error;
      const problems = cause instanceof Error ? cause.message : '';
      throw new Error(`fuzz failed; FUZZ_SEED=${SEED} reproduces it\n${problems}\n${message}`, { cause: error });
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`gateway fuzz: ${sent} requests in ${seconds.toFixed(1)} s (seed ${SEED})\n`);

    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(gw.orchestrator.created).toHaveLength(4);
    expect(await storedData(gw, artifacts)).toEqual(before);
  }, 180_000);
});
