import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { ApiExceptionFilter } from './api-exception.filter';

const validTask = { url: 'https://shop.example/contact', goal: 'Send the contact form' };
const LIMIT = 64 * 1024;

type ErrorBody = { error: { code: string; message: string; fields?: Array<{ field: string; message: string }> } };

describe(`${ApiExceptionFilter.name} and the request checks`, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'bad_input', { API_MAX_BODY_BYTES: String(LIMIT) });
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  /** Sends raw text as the body of POST /v1/tasks with org A's key. */
  const postRaw = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${gw.url}/v1/tasks`, { method: 'POST', headers: { 'x-api-key': gw.orgA.key, ...headers }, body });

  /** Checks the status and code, and that a field named `field` (or inside it) is at fault. */
  async function expectError(res: Response, status: number, code: string, field: string): Promise<ErrorBody> {
    const body = (await res.json()) as ErrorBody;
    expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
    expect(body.error.fields?.find((f) => f.field.startsWith(field))).toBeDefined();
    return body;
  }

  it('should answer 400 saying where the JSON breaks when the body is not JSON', async () => {
    const { error } = await expectError(await postRaw('{"url": "x",}'), 400, 'MALFORMED_REQUEST', 'body');
    expect(error.fields?.[0].message).toMatch(/is not valid JSON \(.*position \d+/);
  });

  it('should answer 400 naming the body when it is JSON but not an object', async () => {
    await expectError(await postRaw('"just text"'), 400, 'MALFORMED_REQUEST', 'body');
    await expectError(await postRaw('[1, 2]'), 400, 'VALIDATION_FAILED', 'body');
  });

  it.each([
    ['text/plain', '{"url": "https://a.example", "goal": "g"}'],
    ['application/x-www-form-urlencoded', 'url=https://a.example&goal=g'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('should answer 415 naming content-type when the body is %s', async (type, body) => {
    const { error } = await expectError(
      await postRaw(body, { 'content-type': type }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    );
    expect(error.message).toContain('Content-Type: application/json');
  });

  it('should answer 415 naming content-type when the body has no type or another charset', async () => {
    await expectError(await postRaw('{}', {}), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    const latin1 = { 'content-type': 'application/json; charset=latin1' };
    await expectError(await postRaw('{}', latin1), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
  });

  it('should answer 413 with the configured limit when the body is over it', async () => {
    const goal = 'x'.repeat(LIMIT);
    const { error } = await expectError(
      await postRaw(JSON.stringify({ ...validTask, goal })),
      413,
      'PAYLOAD_TOO_LARGE',
      'body',
    );
    expect(error.fields?.[0].message).toBe('must be at most 65536 bytes (64 KiB)');
  });

  it('should answer 413 when the body only outgrows the limit once written out again', async () => {
    // `1e20` is 4 bytes as sent and 21 written out, which is how the task travels on.
    const numbers = Array.from({ length: 900 }, () => '1e20').join(',');
    const payload = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, `[${numbers}]`]));
    const text = `{"url":"https://a.example","goal":"g","payload":{${Object.entries(payload)
      .map(([k, v]) => `"${k}":${v}`)
      .join(',')}}}`;
    expect(text.length).toBeLessThan(LIMIT);
    await expectError(await postRaw(text), 413, 'PAYLOAD_TOO_LARGE', 'body');
  });

  it.each([
    ['nested too deep', { payload: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) }, 'payload.a.a.a.a'],
    ['a NUL character', { goal: 'send\u0000it' }, 'goal'],
    ['an unpaired surrogate', { payload: { name: 'a\ud800b' } }, 'payload.name'],
    ['a NUL in a key', { payload: { 'na\u0000me': 'x' } }, 'payload.na\u0000me'],
    ['too many items', { payload: { list: Array.from({ length: 1001 }, () => 0) } }, 'payload.list'],
  ])('should answer 400 naming the field when the body has %s', async (_case, patch, field) => {
    await expectError(await postRaw(JSON.stringify({ ...validTask, ...patch })), 400, 'VALIDATION_FAILED', field);
    expect(gw.orchestrator.created).toHaveLength(0);
  });

  it('should answer 400 naming each unknown query parameter on every route', async () => {
    const id = randomUUID();
    for (const [method, path] of [
      ['GET', '/v1/tasks?limit=5&sort=asc'],
      ['GET', `/v1/tasks/${id}?sort=asc`],
      ['GET', `/v1/tasks/${id}/steps?sort=asc`],
      ['GET', `/v1/tasks/${id}/events?sort=asc`],
      ['POST', `/v1/tasks/${id}/cancel?sort=asc`],
      ['GET', `/v1/artifacts/${id}/content?sort=asc`],
      ['POST', '/v1/tasks?sort=asc'],
    ]) {
      const res = await gw.call(method, path, { body: method === 'POST' ? validTask : undefined });
      const { error } = await expectError(res, 400, 'VALIDATION_FAILED', 'sort');
      expect(error.message).toMatch(/^the query string is invalid: sort is not a known query parameter/);
    }
    expect(gw.orchestrator.created).toHaveLength(0);
  });

  it('should answer 400 naming the fields when a route that takes no body gets one', async () => {
    const res = await gw.call('POST', `/v1/tasks/${randomUUID()}/cancel`, { body: { reason: 'x' } });
    await expectError(res, 400, 'VALIDATION_FAILED', 'reason');
    const empty = await gw.call('POST', `/v1/tasks/${randomUUID()}/cancel`, { body: {} });
    expect(empty.status).toBe(404);
  });

  it('should answer 404 naming the id when it is malformed, unknown or another org’s', async () => {
    const other = (await (await gw.call('POST', '/v1/tasks', { body: validTask, key: gw.orgB.key })).json()) as {
      id: string;
    };
    for (const id of ['not-a-uuid', randomUUID(), other.id, '%00', 'x'.repeat(500)]) {
      await expectError(await gw.call('GET', `/v1/tasks/${id}`), 404, 'TASK_NOT_FOUND', 'id');
      await expectError(await gw.call('GET', `/v1/artifacts/${id}/content`), 404, 'ARTIFACT_NOT_FOUND', 'id');
    }
    expect(gw.orchestrator.tasks.get(other.id)?.status).toBe('queued');
  });

  it('should answer 431 in the API error form when the URL and headers are too large', async () => {
    const res = await gw.call('GET', `/v1/tasks?after=${'a'.repeat(20_000)}`);
    await expectError(res, 431, 'HEADERS_TOO_LARGE', 'headers');
  });

  it('should answer 400 in the API error form when the request is not valid HTTP', async () => {
    const { hostname, port } = new URL(gw.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () =>
        socket.write('GET /v1/tasks HTTP/1.1\r\nHost: x\r\nthis is no header\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ErrorBody;
    expect(body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('should answer 5xx without internals, naming the request id, when something unexpected fails', async () => {
    const { id } = (await (await gw.call('POST', '/v1/tasks', { body: validTask })).json()) as { id: string };
    const view = gw.orchestrator.tasks.get(id)!;
    // A view that breaks the reply contract: the orchestrator side fails with its own message.
    gw.orchestrator.tasks.set(id, { ...view, status: 'bogus' as never, failureReason: 'password=hunter2' });
    const res = await gw.call('GET', `/v1/tasks/${id}`, { headers: { 'x-request-id': 'req-500' } });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(text).not.toMatch(/hunter2|bogus|Error|\.ts:|\bat /);
    if (res.status === 500) expect(text).toContain('req-500');
  });
});
