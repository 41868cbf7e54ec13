import type { Request, Response } from 'express';
import { requestIdMiddleware } from './request-id.middleware';

function run(incoming: string | undefined) {
  const req = { get: () => incoming } as unknown as Request & { id?: unknown };
  const setHeader = jest.fn();
  const next = jest.fn();
  requestIdMiddleware(req, { setHeader } as unknown as Response, next);
  return { id: req.id, setHeader, next };
}

describe(requestIdMiddleware.name, () => {
  it('should keep and echo the caller’s id when it is a sane token', () => {
    const { id, setHeader, next } = run('trace-1:abc.def');
    expect(id).toBe('trace-1:abc.def');
    expect(setHeader).toHaveBeenCalledWith('x-request-id', 'trace-1:abc.def');
    expect(next).toHaveBeenCalled();
  });

  it.each([undefined, '', 'has spaces', 'x'.repeat(129), 'new\nline'])(
    'should make up an id when given %p',
    (value) => {
      expect(run(value).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    },
  );
});
