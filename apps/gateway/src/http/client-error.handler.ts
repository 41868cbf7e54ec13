import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { ApiExceptionCode, type ErrorResponse } from '@webbyflow/api';
import { formatBytes } from './body-limit';

type Answer = { status: number; reason: string; body: ErrorResponse };

const headersTooLarge: Answer = {
  status: 431,
  reason: 'Request Header Fields Too Large',
  body: {
    error: {
      code: ApiExceptionCode.HEADERS_TOO_LARGE,
      message: 'the request line and headers are too large; send long values in a JSON body',
      fields: [{ field: 'headers', message: `with the URL, must be at most ${formatBytes(maxHeaderSize)}` }],
    },
  },
};

const malformed: Answer = {
  status: 400,
  reason: 'Bad Request',
  body: {
    error: {
      code: ApiExceptionCode.MALFORMED_REQUEST,
      message: 'the request is not valid HTTP/1.1',
      fields: [{ field: 'request', message: 'must be a well-formed HTTP request line and headers' }],
    },
  },
};

const raw = ({ status, reason, body }: Answer) => {
  const json = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`
  );
};

/**
 * Requests Node's HTTP parser refuses (headers over the size limit, broken framing) never reach
 * Express; Node would answer them with an empty body. They get the API's error form instead.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's documentation does it: a reset or closed socket takes no answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
      return;
    }
    socket.end(raw(error.code === 'HPE_HEADER_OVERFLOW' ? headersTooLarge : malformed));
  });
}
