import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { withDeadline } from '@webbyflow/common';
import { ArtifactMetaV1, ArtifactRefV1, type ArtifactKindV1 } from '@webbyflow/contracts';
import type { z } from 'zod';
import type { ArtifactClientConfig } from './artifact-client.config';
import { exceptionFromResponse, invalidResponse, toClientException } from './artifact-client.errors';
import { ARTIFACTS_HTTP_PATH, ARTIFACT_UPLOAD_HEADERS as H, sha256OfEtag } from './artifact-http';

export interface ArtifactClientOptions {
  /** artifact-svc's base URL, e.g. `http://127.0.0.1:3004`. */
  baseUrl: string;
  /** Deadline of each call. */
  timeoutMs: number;
}

export interface UploadArtifactInput {
  orgId: string;
  taskId: string;
  stepIndex?: number | null;
  kind: ArtifactKindV1;
  contentType: string;
  body: Buffer;
}

/** An open download: the metadata from the response headers and the bytes as they arrive. */
export interface ArtifactContentStream {
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Consume or destroy it; the caller's signal (not the deadline) governs it once returned. */
  stream: Readable;
}

/**
 * Moves artifact bytes to and from artifact-svc over HTTP (bytes never travel over NATS). Every call runs
 * under the deadline and the caller's signal; failures are ArtifactClientExceptions (UNAVAILABLE is retryable).
 */
export class ArtifactClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ArtifactClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  static fromConfig(config: ArtifactClientConfig): ArtifactClient {
    return new ArtifactClient({ baseUrl: config.ARTIFACT_SVC_URL, timeoutMs: config.ARTIFACT_CLIENT_TIMEOUT_MS });
  }

  async upload(input: UploadArtifactInput, signal?: AbortSignal): Promise<ArtifactRefV1> {
    const headers: Record<string, string> = {
      'content-type': input.contentType,
      [H.orgId]: input.orgId,
      [H.taskId]: input.taskId,
      [H.kind]: input.kind,
    };
    if (input.stepIndex !== undefined && input.stepIndex !== null) headers[H.stepIndex] = String(input.stepIndex);
    // A Buffer is an ArrayBufferView, which fetch sends as is; only its generic (ArrayBufferLike) upsets DOM types.
    const init: RequestInit = { method: 'POST', headers, body: input.body as Uint8Array<ArrayBuffer> };
    return this.call('artifact upload', ARTIFACTS_HTTP_PATH, init, signal, async (response) =>
      parseJson(ArtifactRefV1, await response.text(), 'upload answer'),
    );
  }

  /** The whole artifact in memory, checked against its size and sha256. */
  async download(artifactId: string, orgId: string, signal?: AbortSignal): Promise<Buffer> {
    const label = `artifact ${artifactId} download`;
    return this.call(label, contentPath(artifactId, orgId), { method: 'GET' }, signal, async (response) => {
      const { sizeBytes, sha256 } = contentHeaders(response);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length !== sizeBytes) throw invalidResponse(`${label} got ${body.length} of ${sizeBytes} bytes`);
      if (createHash('sha256').update(body).digest('hex') !== sha256)
        throw invalidResponse(`${label} got bytes whose sha256 is not ${sha256}`);
      return body;
    });
  }

  /** A JSON artifact (an element tree, say) parsed and validated with `schema`. */
  async downloadJson<T>(artifactId: string, orgId: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const body = await this.download(artifactId, orgId, signal);
    return parseJson(schema, body.toString('utf8'), `artifact ${artifactId}`);
  }

  /** Streams the bytes; the deadline covers the response headers, the caller's signal the rest. */
  async openStream(artifactId: string, orgId: string, signal?: AbortSignal): Promise<ArtifactContentStream> {
    const label = `artifact ${artifactId} stream`;
    return this.call(label, contentPath(artifactId, orgId), { method: 'GET' }, signal, (response) => {
      const headers = contentHeaders(response);
      if (!response.body) throw invalidResponse(`${label} has no body`);
      const stream = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
      return Promise.resolve({ ...headers, stream });
    });
  }

  async getMeta(artifactId: string, orgId: string, signal?: AbortSignal): Promise<z.output<typeof ArtifactMetaV1>> {
    const path = `${ARTIFACTS_HTTP_PATH}/${encodeURIComponent(artifactId)}?${new URLSearchParams({ orgId })}`;
    return this.call(`artifact ${artifactId} metadata`, path, { method: 'GET' }, signal, async (response) =>
      parseJson(ArtifactMetaV1, await response.text(), 'metadata answer'),
    );
  }

  private async call<T>(
    label: string,
    path: string,
    init: RequestInit,
    caller: AbortSignal | undefined,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    try {
      return await withDeadline(
        label,
        this.options.timeoutMs,
        async (signal) => {
          const response = await fetch(`${this.baseUrl}${path}`, { ...init, signal });
          if (!response.ok) throw await exceptionFromResponse(label, response);
          return read(response);
        },
        caller,
      );
    } catch (error) {
      throw toClientException(label, error, caller);
    }
  }
}

const contentPath = (artifactId: string, orgId: string) =>
  `${ARTIFACTS_HTTP_PATH}/${encodeURIComponent(artifactId)}/content?${new URLSearchParams({ orgId })}`;

function contentHeaders(response: Response): Omit<ArtifactContentStream, 'stream'> {
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const sizeBytes = Number(response.headers.get('content-length'));
  const sha256 = sha256OfEtag(response.headers.get('etag'));
  if (!sha256 || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0)
    throw invalidResponse('artifact content came without a Content-Length and a sha256 ETag');
  return { contentType, sizeBytes, sha256 };
}

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidResponse(`${what} is not JSON`, error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidResponse(`${what} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
