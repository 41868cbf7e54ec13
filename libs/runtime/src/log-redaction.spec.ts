import { maskApiKeys, REDACTED, redactLogValue, redactUrl } from './log-redaction';

const KEY = `wf_0123abcd_${'s'.repeat(43)}`;

describe(redactLogValue.name, () => {
  it('should replace values under secret-named keys at any depth when an object is logged', () => {
    const logged = { spec: { payload: { email: 'a@b.c', password: 'hunter2', card: { cvv: '123' } } }, apiKey: 'k' };
    expect(redactLogValue(logged)).toEqual({
      spec: { payload: { email: 'a@b.c', password: REDACTED, card: { cvv: REDACTED } } },
      apiKey: REDACTED,
    });
    expect(logged.spec.payload.password).toBe('hunter2');
  });

  it('should mask API keys inside strings and arrays when they are logged', () => {
    expect(redactLogValue({ msg: `key ${KEY} refused`, list: [KEY] })).toEqual({
      msg: `key wf_0123abcd_${REDACTED} refused`,
      list: [`wf_0123abcd_${REDACTED}`],
    });
  });

  it('should leave class instances to their serializers when they are not plain objects', () => {
    const error = new Error('boom');
    expect((redactLogValue({ err: error }) as { err: unknown }).err).toBe(error);
  });
});

describe(redactUrl.name, () => {
  it('should hide secret-named query values and API keys when a URL is logged', () => {
    expect(redactUrl(`/v1/tasks/${KEY}?token=abc&limit=5&api_key=${KEY}`)).toBe(
      `/v1/tasks/wf_0123abcd_${REDACTED}?token=${REDACTED}&limit=5&api_key=${REDACTED}`,
    );
  });

  it('should keep a URL without secrets as it is', () => {
    expect(redactUrl('/v1/tasks?status=queued')).toBe('/v1/tasks?status=queued');
    expect(maskApiKeys('wf_0123abcd')).toBe('wf_0123abcd');
  });
});
