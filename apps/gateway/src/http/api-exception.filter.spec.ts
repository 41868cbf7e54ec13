import type { ArgumentsHost } from '@nestjs/common';
import { ApiException, ApiExceptionCode, serviceUnavailable } from '@webbyflow/api';
import { ApiExceptionFilter } from './api-exception.filter';

function hostFor(path: string) {
  const res = {
    headersSent: false,
    headers: {} as Record<string, string>,
    statusCode: 0,
    body: undefined as unknown,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
      return this;
    },
  };
  const req = { method: 'POST', path, id: 'req-1' };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, res };
}

describe(ApiExceptionFilter.name, () => {
  const filter = new ApiExceptionFilter();

  it('should answer the code, message and fields with the mapped status when validation fails', () => {
    const { host, res } = hostFor('/v1/tasks');
    const fields = [{ field: 'max_steps', message: 'must be an integer between 1 and 100' }];
    filter.catch(new ApiException(ApiExceptionCode.VALIDATION_FAILED, 'invalid', { fields }), host);
    expect(res.statusCode).toBe(400);
    expect(res.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'invalid', fields } });
  });

  it('should set Retry-After when a service behind the gateway is unavailable', () => {
    const { host, res } = hostFor('/v1/tasks');
    filter.catch(serviceUnavailable('orchestrator'), host);
    expect(res.statusCode).toBe(503);
    expect(res.headers['Retry-After']).toBe('5');
    expect(res.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('should answer 500 INTERNAL when the error is unexpected', () => {
    const { host, res } = hostFor('/v1/tasks');
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    filter.catch(new Error('boom at /app/dist/x.js:1:2'), host);
    expect(res.statusCode).toBe(500);
    expect(res.body).toMatchObject({
      error: { code: 'INTERNAL', message: expect.stringContaining('x-request-id req-1') },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/boom|x\.js/);
  });
});
