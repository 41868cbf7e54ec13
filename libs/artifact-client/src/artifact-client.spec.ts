import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { z } from 'zod';
import { ArtifactClient } from './artifact-client';
import { artifactClientConfigSchema } from './artifact-client.config';
import { ArtifactClientException, ArtifactClientExceptionCode as Code } from './artifact-client.exception';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

const orgId = randomUUID();
const artifactId = randomUUID();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json =
  (status: number, value: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
const content =
  (bytes: Buffer, etagSha = sha(bytes)): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length, etag: `"${etagSha}"` });
    res.end(bytes);
  };
const upload = {
  orgId,
  taskId: randomUUID(),
  kind: 'screenshot' as const,
  contentType: 'image/png',
  body: Buffer.from('png'),
};

describe(ArtifactClient.name, () => {
  let server: Server;
  let handler: Handler;
  let client: ArtifactClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      void buffer(req).then((body) => handler(req, res, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new ArtifactClient({ baseUrl: `http://127.0.0.1:${port}/`, timeoutMs: 500 });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should send the bytes and the x-wf headers when it uploads', async () => {
    let seen: { url?: string; headers?: IncomingMessage['headers']; body?: Buffer } = {};
    const ref = { artifactId, kind: 'screenshot', contentType: 'image/png', sizeBytes: 3, sha256: sha(upload.body) };
    handler = (req, res, body) => {
      seen = { url: req.url, headers: req.headers, body };
      json(201, ref)(req, res, body);
    };
    await expect(client.upload({ ...upload, stepIndex: 0 })).resolves.toEqual(ref);
    expect(seen.url).toBe('/internal/v1/artifacts');
    expect(seen.body?.toString()).toBe('png');
    expect(seen.headers).toMatchObject({
      'content-type': 'image/png',
      'x-wf-org-id': orgId,
      'x-wf-task-id': upload.taskId,
      'x-wf-kind': 'screenshot',
      'x-wf-step-index': '0',
    });
  });

  it.each([
    [404, Code.NOT_FOUND, true],
    [413, Code.TOO_LARGE, true],
    [400, Code.INVALID_REQUEST, true],
    [500, Code.UNAVAILABLE, false],
    [503, Code.UNAVAILABLE, false],
  ])('should throw %i as %s (terminal: %s)', async (status, code, terminal) => {
    handler = json(status, { statusCode: status, name: 'X', code: 'SERVER_CODE', message: 'server says no' });
    const error = await client.download(artifactId, orgId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactClientException);
    expect(error).toMatchObject({
      code,
      terminal,
      status,
      message: expect.stringContaining('SERVER_CODE: server says no'),
    });
  });

  it('should throw UNAVAILABLE when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = new ArtifactClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000 });
    await expect(refused.upload(upload)).rejects.toMatchObject({ code: Code.UNAVAILABLE, terminal: false });
  });

  it('should throw UNAVAILABLE when the answer does not come before the deadline', async () => {
    handler = () => undefined;
    await expect(client.download(artifactId, orgId)).rejects.toMatchObject({
      code: Code.UNAVAILABLE,
      message: expect.stringContaining('timed out after 500 ms'),
    });
  });

  it('should rethrow the caller’s abort reason, not a retryable error, when the caller aborts', async () => {
    handler = () => undefined;
    const reason = new Error('run canceled');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    const error = await client.download(artifactId, orgId, controller.signal).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(error).not.toBeInstanceOf(ArtifactClientException);
  });

  it('should throw INVALID_RESPONSE when an upload answer is not an ArtifactRefV1', async () => {
    handler = json(201, { artifactId: 'nope' });
    await expect(client.upload(upload)).rejects.toMatchObject({ code: Code.INVALID_RESPONSE, terminal: true });
  });

  it('should throw INVALID_RESPONSE when the bytes do not match the ETag sha256', async () => {
    handler = content(Buffer.from('abc'), sha(Buffer.from('abd')));
    await expect(client.download(artifactId, orgId)).rejects.toMatchObject({ code: Code.INVALID_RESPONSE });
  });

  it('should parse JSON content with the schema and refuse JSON that does not match it', async () => {
    handler = content(Buffer.from('{"nodes":[1,2]}'));
    await expect(client.downloadJson(artifactId, orgId, z.object({ nodes: z.array(z.number()) }))).resolves.toEqual({
      nodes: [1, 2],
    });
    await expect(
      client.downloadJson(artifactId, orgId, z.object({ nodes: z.array(z.string()) })),
    ).rejects.toMatchObject({
      code: Code.INVALID_RESPONSE,
    });
  });

  it('should give the headers and a stream of the bytes when it opens a stream', async () => {
    const bytes = Buffer.from('{"a":1}');
    handler = content(bytes);
    const opened = await client.openStream(artifactId, orgId);
    expect(opened).toMatchObject({ contentType: 'application/json', sizeBytes: bytes.length, sha256: sha(bytes) });
    expect((await buffer(opened.stream)).equals(bytes)).toBe(true);
  });

  it('should read ARTIFACT_SVC_URL and ARTIFACT_CLIENT_TIMEOUT_MS with defaults', () => {
    expect(artifactClientConfigSchema.parse({})).toEqual({
      ARTIFACT_SVC_URL: 'http://127.0.0.1:3004',
      ARTIFACT_CLIENT_TIMEOUT_MS: 15_000,
    });
  });
});
