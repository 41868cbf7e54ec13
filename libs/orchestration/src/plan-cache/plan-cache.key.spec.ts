import { normalizeGoal, normalizeUrlPattern, payloadKeys, planCacheKey, planCacheKeyParts } from './plan-cache.key';

describe(normalizeUrlPattern.name, () => {
  it('should drop record ids, query values, fragments, default ports and host case', () => {
    expect(normalizeUrlPattern('https://Shop.example.com:443/orders/123/edit?b=2&a=1#x')).toBe(
      'https://shop.example.com/orders/:id/edit?a&b',
    );
    expect(normalizeUrlPattern('http://127.0.0.1:8080/u/3f2b8c1e-9a4d-4c1e-8f00-0123456789ab')).toBe(
      'http://127.0.0.1:8080/u/:id',
    );
    expect(normalizeUrlPattern('https://x.io/contact')).toBe('https://x.io/contact');
  });
});

describe(planCacheKey.name, () => {
  const spec = { url: 'https://x.io/contact', goal: 'Send the form.', payload: { name: 'Ada', address: { zip: '1' } } };

  it('should give runs that differ only in values, ids and goal case the same key', () => {
    const other = {
      url: 'https://X.io/contact?',
      goal: '  send   the FORM ',
      payload: { address: { zip: '9' }, name: 'Bob' },
    };
    expect(planCacheKey(planCacheKeyParts(other))).toBe(planCacheKey(planCacheKeyParts(spec)));
  });

  it('should give another key when the payload keys or the goal differ', () => {
    const key = planCacheKey(planCacheKeyParts(spec));
    expect(planCacheKey(planCacheKeyParts({ ...spec, payload: { name: 'Ada' } }))).not.toBe(key);
    expect(planCacheKey(planCacheKeyParts({ ...spec, goal: 'Cancel the order' }))).not.toBe(key);
  });

  it('should list nested payload leaves as dotted keys and normalise goals', () => {
    expect(payloadKeys({ b: 1, a: { c: [1], d: {} } })).toEqual(['a.c', 'a.d', 'b']);
    expect(normalizeGoal('Log in!  ')).toBe('log in');
  });
});
