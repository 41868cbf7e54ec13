import { formatPayload, isSecretKey } from './payload.formatter';

describe(isSecretKey.name, () => {
  it.each([
    'password',
    'newPassword',
    'user_pass',
    'apiKey',
    'API_KEY',
    'client_secret',
    'accessToken',
    'cardNumber',
    'cvv',
    'pin',
    'otp',
  ])('should treat %s as secret when it names a credential', (key) => expect(isSecretKey(key)).toBe(true));

  it.each(['name', 'email', 'compass', 'footprint', 'spinner', 'topic', 'message', 'tokenizer_name'])(
    'should not treat %s as secret when it only contains such letters',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe(formatPayload.name, () => {
  it('should render the payload as one JSON line with secret values as placeholders', () => {
    const [json, ...notes] = formatPayload({ email: 'ada@example.com', password: 'hunter2' }).split('\n');

    expect(JSON.parse(json)).toEqual({ email: 'ada@example.com', password: '{{payload.password}}' });
    expect(notes).toContain('Secret values are shown only as placeholders: write the placeholder exactly.');
  });

  it('should not mention secrets when there are none', () => {
    expect(formatPayload({ email: 'ada@example.com' })).not.toContain('Secret');
  });
});
