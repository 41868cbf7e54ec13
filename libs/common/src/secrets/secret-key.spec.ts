import { isSecretKey } from './secret-key';

describe(isSecretKey.name, () => {
  it.each(['password', 'newPassword', 'API_KEY', 'x-api-key', 'client_secret', 'accessToken', 'cardNumber', 'cvv'])(
    'should treat %s as secret when it names a credential',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['name', 'email', 'compass', 'inputTokens', 'spinner', 'tokenizer_name', 'keyPrefix'])(
    'should not treat %s as secret when it only contains such letters',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});
