import { queryExpired, queryHeaders, START_BY_HEADER } from './query-deadline';

describe('query start-by header', () => {
  it('should leave a quarter of a short wait, and a second of a long one, for the answer', () => {
    expect(queryHeaders(400, 1_000).get(START_BY_HEADER)).toBe('1300');
    expect(queryHeaders(10_000, 1_000).get(START_BY_HEADER)).toBe('10000');
  });

  it('should count a query as expired only after its start-by time', () => {
    const h = queryHeaders(10_000, 0);
    expect(queryExpired(h, 9_000)).toBe(false);
    expect(queryExpired(h, 9_001)).toBe(true);
  });

  it('should never expire a query without the header (an older requester)', () => {
    expect(queryExpired(undefined, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
