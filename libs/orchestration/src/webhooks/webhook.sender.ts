import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressGuard, DomainException, withDeadline } from '@webbyflow/common';
import { WebhookException, WebhookExceptionCode } from './webhook.exception';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  status: number;
  retryAfter: string | null;
}

/**
 * POSTs one webhook through node:http(s) with the address guard as the connect-time resolver, a
 * fresh connection per attempt (no pooled socket skips the check) and no redirects followed.
 */
export class WebhookSender {
  constructor(private readonly guard: AddressGuard) {}

  async post(webhook: WebhookRequest): Promise<WebhookResponse> {
    const url = new URL(webhook.url);
    this.guard.assertLiteral(url);
    return withDeadline(`webhook POST to ${url.host}`, webhook.timeoutMs, (signal) => this.send(url, webhook, signal));
  }

  private send(url: URL, webhook: WebhookRequest, signal: AbortSignal): Promise<WebhookResponse> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...webhook.headers, 'Content-Length': String(Buffer.byteLength(webhook.body)) },
          lookup: this.guard.lookup,
          agent: false,
          signal,
        },
        (res: IncomingMessage) => {
          // The answer's body means nothing to us; drain it so the socket closes.
          res.resume();
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => reject(unreachable(error)));
      req.end(webhook.body);
    });
  }
}

/** Errors from our own checks keep their code; socket errors become WEBHOOK_UNREACHABLE (retryable). */
function unreachable(error: NodeJS.ErrnoException): Error {
  if (error instanceof DomainException) return error;
  return new WebhookException(
    WebhookExceptionCode.WEBHOOK_UNREACHABLE,
    `${error.code ?? error.name}: ${error.message}`,
    { cause: error },
  );
}
