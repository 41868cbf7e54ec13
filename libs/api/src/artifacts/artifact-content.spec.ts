import { etagOf, matchesIfNoneMatch } from './artifact-content';

const etag = etagOf('a'.repeat(64));

describe(matchesIfNoneMatch.name, () => {
  it.each([etag, `W/${etag}`, `"other", ${etag}`, '*'])('should match when If-None-Match is %s', (header) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(true);
  });

  it.each([undefined, '', '"other"', 'a'.repeat(64)])('should not match when If-None-Match is %p', (header) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(false);
  });
});
