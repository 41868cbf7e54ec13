import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARTIFACT_UPLOAD_HEADERS as H, ARTIFACTS_HTTP_PATH, etagOf } from '@webbyflow/artifact-client';
import { ArtifactKindV1, type ArtifactRefV1 } from '@webbyflow/contracts';
import { sendJson } from '../fake-llm/http.util';

/** One artifact the fake holds. */
export interface FakeArtifact extends ArtifactRefV1 {
  orgId: string;
  taskId: string;
  stepIndex: number | null;
  body: Buffer;
}

export type FakeArtifactInput = Pick<FakeArtifact, 'orgId' | 'taskId' | 'kind' | 'contentType' | 'body'> & {
  stepIndex?: number | null;
};

const CONTENT = new RegExp(`^${ARTIFACTS_HTTP_PATH}/([^/]+)/content$`);

/**
 * A stand-in for artifact-svc's internal HTTP API, in memory: `POST /internal/v1/artifacts` (raw body,
 * `x-wf-*` headers → 201 ArtifactRefV1) and `GET /internal/v1/artifacts/:id/content?orgId=`. For service
 * integration tests with the real ArtifactClient; e2e tests run the real artifact-svc.
 */
export class FakeArtifactServer {
  /** Every artifact stored, oldest first. */
  readonly artifacts: FakeArtifact[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeArtifactServer> {
    const server = createServer();
    const fake = new FakeArtifactServer(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => fail(res, 500, 'INTERNAL', String(error)));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** e.g. `http://127.0.0.1:41234`: the ARTIFACT_SVC_URL of a service under test. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stores an artifact directly (e.g. an element tree a test plans on) and returns its reference. */
  put(input: FakeArtifactInput): ArtifactRefV1 {
    const sha256 = createHash('sha256').update(input.body).digest('hex');
    const artifact: FakeArtifact = {
      ...input,
      stepIndex: input.stepIndex ?? null,
      artifactId: randomUUID(),
      sizeBytes: input.body.length,
      sha256,
    };
    this.artifacts.push(artifact);
    return refOf(artifact);
  }

  get(artifactId: string): FakeArtifact | undefined {
    return this.artifacts.find((a) => a.artifactId === artifactId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === ARTIFACTS_HTTP_PATH) return this.upload(req, res);
    const content = CONTENT.exec(url.pathname);
    if (req.method === 'GET' && content) return this.download(content[1], url.searchParams.get('orgId'), res);
    fail(res, 404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`);
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = (name: string) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
    const kind = ArtifactKindV1.safeParse(header(H.kind));
    const [orgId, taskId, step] = [header(H.orgId), header(H.taskId), header(H.stepIndex)];
    if (!orgId || !taskId || !kind.success || (step !== undefined && !/^\d+$/.test(step))) {
      return fail(
        res,
        400,
        'INVALID_REQUEST',
        `bad upload headers: org=${orgId} task=${taskId} kind=${header(H.kind)}`,
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const ref = this.put({
      orgId,
      taskId,
      stepIndex: step === undefined ? null : Number(step),
      kind: kind.data,
      contentType: header('content-type') ?? 'application/octet-stream',
      body: Buffer.concat(chunks),
    });
    sendJson(res, 201, ref);
  }

  private download(artifactId: string, orgId: string | null, res: ServerResponse): void {
    const artifact = this.get(decodeURIComponent(artifactId));
    if (!artifact || artifact.orgId !== orgId) return fail(res, 404, 'NOT_FOUND', `no artifact ${artifactId}`);
    res.writeHead(200, {
      'content-type': artifact.contentType,
      'content-length': artifact.sizeBytes,
      etag: etagOf(artifact.sha256),
    });
    res.end(artifact.body);
  }
}

function refOf(a: FakeArtifact): ArtifactRefV1 {
  return {
    artifactId: a.artifactId,
    kind: a.kind,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
  };
}

function fail(res: ServerResponse, statusCode: number, code: string, message: string): void {
  if (res.headersSent) return void res.end();
  sendJson(res, statusCode, { statusCode, name: 'FakeArtifactServerError', code, message });
}
