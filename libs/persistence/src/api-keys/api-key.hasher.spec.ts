import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, parseApiKeyPrefix, verifyApiKey } from './api-key.hasher';

describe('generateApiKey', () => {
  it('should produce wf_<8 hex>_<43 base64url> with a matching prefix and hash', () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^wf_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toMatch(/^wf_[0-9a-f]{8}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(keyHash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('should produce a different key every time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });
});

describe('hashApiKey', () => {
  it('should return the sha256 hex of the whole key', () => {
    expect(hashApiKey('wf_00000000_abc')).toBe(createHash('sha256').update('wf_00000000_abc').digest('hex'));
    expect(hashApiKey('x')).toHaveLength(64);
  });
});

describe('parseApiKeyPrefix', () => {
  it('should return the prefix when the key is well formed', () => {
    const { key, prefix } = generateApiKey();
    expect(parseApiKeyPrefix(key)).toBe(prefix);
  });

  it('should accept a secret part that contains underscores and dashes', () => {
    expect(parseApiKeyPrefix(`wf_0123abcd_${'_-'.repeat(16)}`)).toBe('wf_0123abcd');
  });

  it.each([
    ['empty', ''],
    ['no secret', 'wf_0123abcd'],
    ['short secret', `wf_0123abcd_${'a'.repeat(31)}`],
    ['uppercase prefix', `wf_0123ABCD_${'a'.repeat(43)}`],
    ['wrong scheme', `sk_0123abcd_${'a'.repeat(43)}`],
    ['bad characters', `wf_0123abcd_${'a'.repeat(42)}=`],
    ['too long', `wf_0123abcd_${'a'.repeat(129)}`],
  ])('should return null when the key is %s', (_case, key) => {
    expect(parseApiKeyPrefix(key)).toBeNull();
  });
});

describe('verifyApiKey', () => {
  it('should accept the key that produced the hash', () => {
    const { key, keyHash } = generateApiKey();
    expect(verifyApiKey(key, keyHash)).toBe(true);
  });

  it('should reject another key or a malformed hash', () => {
    const { keyHash } = generateApiKey();
    expect(verifyApiKey(generateApiKey().key, keyHash)).toBe(false);
    expect(verifyApiKey('anything', 'not-hex')).toBe(false);
  });
});
