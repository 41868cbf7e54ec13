import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicError, anthropicModels, parseAnthropicRequest, writeAnthropicAnswer } from './anthropic.wire';
import type { FakeLlmProvider, FakeLlmReply, FakeLlmRequest, FakeLlmResponder } from './fake-llm.types';
import { headersOf, readJsonBody, sendJson } from './http.util';
import { openAiError, openAiModels, parseOpenAiRequest, writeOpenAiAnswer } from './openai.wire';

/** Both SDKs honour this header: a script mistake should fail the test at once, not after backoffs. */
const NO_RETRY = { 'x-should-retry': 'false' };

export interface FakeLlmServerOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  host?: string;
  /** When set, a request carrying another key (Bearer or x-api-key) gets 401. */
  apiKey?: string;
  /** Listed by `GET /v1/models`. */
  models?: readonly string[];
  /** Keep at most this many requests in `requests` (oldest dropped); long-running demos set it. */
  maxRecordedRequests?: number;
  /** Called once per model request after it is answered, e.g. to log it. */
  onRequest?: (request: FakeLlmRequest, reply: FakeLlmReply) => void;
}

/**
 * A scripted LLM over real HTTP that speaks the OpenAI Chat Completions and Anthropic Messages wire formats
 * (both streaming and not), so the real SDKs can be pointed at it with `baseURL`.
 */
export class FakeLlmServer {
  /** Every model request received, oldest first. */
  readonly requests: FakeLlmRequest[] = [];
  private responder: FakeLlmResponder | undefined;
  private queue: Array<FakeLlmReply | FakeLlmResponder> = [];

  private constructor(
    private readonly server: Server,
    private readonly options: FakeLlmServerOptions,
  ) {}

  static async start(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
    const server = createServer();
    const fake = new FakeLlmServer(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => fake.fail(res, error));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** `http://127.0.0.1:<port>`: the Anthropic SDK's baseURL. */
  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  /** `<url>/v1`: the OpenAI SDK's baseURL. */
  get openAiBaseUrl(): string {
    return `${this.url}/v1`;
  }

  get anthropicBaseUrl(): string {
    return this.url;
  }

  /**
   * Answers every request with `responder`; or one request per queue entry, in order (a fixed reply or a
   * responder for that one request), then 500s.
   */
  script(script: FakeLlmResponder | ReadonlyArray<FakeLlmReply | FakeLlmResponder>): this {
    if (typeof script === 'function') {
      this.responder = script;
      this.queue = [];
    } else {
      this.responder = undefined;
      this.queue = [...script];
    }
    return this;
  }

  /** Forgets the script and the recorded requests. */
  reset(): void {
    this.responder = undefined;
    this.queue = [];
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const headers = headersOf(req);
    const provider: FakeLlmProvider =
      path === '/v1/messages' || 'anthropic-version' in headers ? 'anthropic' : 'openai';
    if (req.method === 'GET' && (path === '/' || path === '/health')) return sendJson(res, 200, { status: 'ok' });
    if (!this.authorized(headers)) return this.sendError(res, provider, { status: 401, message: 'invalid api key' });
    if (req.method === 'GET' && path === '/v1/models') {
      const models = this.options.models ?? ['fake-llm'];
      return sendJson(res, 200, provider === 'anthropic' ? anthropicModels(models) : openAiModels(models));
    }
    const route = req.method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/messages');
    if (!route) return this.sendError(res, provider, { status: 404, message: `no route ${req.method} ${path}` });
    const body = await readJsonBody(req).catch(() => undefined);
    if (body === undefined) return this.sendError(res, provider, { status: 400, message: 'request body is not JSON' });
    const request = provider === 'anthropic' ? parseAnthropicRequest(body, headers) : parseOpenAiRequest(body, headers);
    this.record(request);
    const reply = await this.replyTo(request);
    this.options.onRequest?.(request, reply);
    if (typeof reply !== 'string') return this.sendError(res, provider, reply);
    if (provider === 'anthropic') writeAnthropicAnswer(res, request, reply);
    else writeOpenAiAnswer(res, request, reply);
  }

  private async replyTo(request: FakeLlmRequest): Promise<FakeLlmReply> {
    const next = this.responder ?? this.queue.shift();
    if (next === undefined) {
      return {
        status: 500,
        message: `fake-llm has no scripted reply for request #${this.requests.length}`,
        headers: NO_RETRY,
      };
    }
    if (typeof next === 'function') {
      try {
        return await next(request);
      } catch (error) {
        const message = `fake-llm responder threw: ${error instanceof Error ? error.message : String(error)}`;
        return { status: 500, message, headers: NO_RETRY };
      }
    }
    return next;
  }

  private record(request: FakeLlmRequest): void {
    this.requests.push(request);
    const max = this.options.maxRecordedRequests;
    if (max !== undefined && this.requests.length > max) this.requests.splice(0, this.requests.length - max);
  }

  private authorized(headers: Record<string, string>): boolean {
    const expected = this.options.apiKey;
    if (expected === undefined) return true;
    return headers['x-api-key'] === expected || headers.authorization === `Bearer ${expected}`;
  }

  private sendError(res: ServerResponse, provider: FakeLlmProvider, reply: Exclude<FakeLlmReply, string>): void {
    const message = reply.message ?? `scripted ${reply.status}`;
    const body =
      reply.body ??
      (provider === 'anthropic' ? anthropicError(reply.status, message) : openAiError(reply.status, message));
    sendJson(res, reply.status, body, reply.headers);
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent) return void res.end();
    sendJson(res, 500, {
      error: { message: `fake-llm failed: ${error instanceof Error ? error.message : String(error)}` },
    });
  }
}
