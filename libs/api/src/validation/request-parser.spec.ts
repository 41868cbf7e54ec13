import { z } from 'zod';
import { ApiException } from '../errors/api.exception';
import { parseQuery, rejectBody, rejectQuery } from './request-parser';

function errorOf(run: () => unknown): ApiException {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return error as ApiException;
  }
  throw new Error('expected a rejection');
}

const Query = z.strictObject({ limit: z.coerce.number().int().min(1).max(5).default(2) });

describe(parseQuery.name, () => {
  it('should say "query string" and name the parameter when a value is invalid', () => {
    const error = errorOf(() => parseQuery(Query, { limit: '9' }));
    expect(error.message).toBe('the query string is invalid: limit must be an integer between 1 and 5');
    expect(error.fields).toEqual([{ field: 'limit', message: 'must be an integer between 1 and 5' }]);
  });

  it('should name an unknown parameter with the ones the route takes', () => {
    expect(errorOf(() => parseQuery(Query, { sort: 'x' })).fields).toEqual([
      { field: 'sort', message: 'is not a known query parameter; send only limit' },
    ]);
  });
});

describe(rejectQuery.name, () => {
  it('should name every parameter when the route takes none', () => {
    expect(rejectQuery({})).toBeUndefined();
    expect(errorOf(() => rejectQuery({ a: '1', b: '2' })).fields?.map((f) => f.field)).toEqual(['a', 'b']);
  });
});

describe(rejectBody.name, () => {
  it('should accept no body or an empty object and name anything else', () => {
    expect(rejectBody(undefined)).toBeUndefined();
    expect(rejectBody({})).toBeUndefined();
    expect(errorOf(() => rejectBody({ reason: 'x' })).fields).toEqual([
      { field: 'reason', message: 'is not a known field; this endpoint takes no body' },
    ]);
    expect(errorOf(() => rejectBody([1])).fields).toEqual([
      { field: 'body', message: 'must be left out: this endpoint takes no body' },
    ]);
  });
});
