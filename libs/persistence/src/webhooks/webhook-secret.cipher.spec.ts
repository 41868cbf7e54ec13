import { WebhookSecretCipher } from './webhook-secret.cipher';
import { webhookSecretConfigSchema } from './webhook-secret.config';

const KEY = Buffer.alloc(32, 1).toString('base64');

describe(WebhookSecretCipher.name, () => {
  it('should seal with AES-256-GCM and open it again when a key is set', () => {
    const cipher = new WebhookSecretCipher(KEY);
    const sealed = cipher.seal('whsec_abc');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec_abc');
    expect(cipher.seal('whsec_abc')).not.toBe(sealed);
    expect(cipher.open(sealed)).toBe('whsec_abc');
  });

  it('should store in clear when no key is set, and still open those after a key is added', () => {
    const sealed = new WebhookSecretCipher(undefined).seal('whsec_abc');
    expect(sealed).toBe('plain.whsec_abc');
    expect(new WebhookSecretCipher(KEY).open(sealed)).toBe('whsec_abc');
  });

  it('should refuse to open when the key is missing or wrong', () => {
    const sealed = new WebhookSecretCipher(KEY).seal('whsec_abc');
    expect(() => new WebhookSecretCipher(undefined).open(sealed)).toThrow(/WEBHOOK_SECRET_KEY is not set/);
    expect(() => new WebhookSecretCipher('ab'.repeat(32)).open(sealed)).toThrow();
  });

  it('should accept only 32-byte keys in base64 or hex as config', () => {
    expect(webhookSecretConfigSchema.safeParse({ WEBHOOK_SECRET_KEY: KEY }).success).toBe(true);
    expect(webhookSecretConfigSchema.safeParse({ WEBHOOK_SECRET_KEY: 'ab'.repeat(32) }).success).toBe(true);
    expect(webhookSecretConfigSchema.safeParse({ WEBHOOK_SECRET_KEY: 'short' }).success).toBe(false);
    expect(webhookSecretConfigSchema.parse({}).WEBHOOK_SECRET_KEY).toBeUndefined();
  });
});
