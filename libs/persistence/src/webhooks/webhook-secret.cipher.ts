import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyBytes } from './webhook-secret.config';

/** Seals webhook signing secrets for the database: AES-256-GCM with a key from config, or clear text without one. */
export class WebhookSecretCipher {
  private readonly key: Buffer | null;

  constructor(key: string | undefined) {
    this.key = key ? keyBytes(key) : null;
  }

  seal(secret: string): string {
    if (!this.key) return `plain.${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    if (sealed.startsWith('plain.')) return sealed.slice('plain.'.length);
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed webhook secret format');
    // Without the key, a sealed secret cannot be used: the operator must set WEBHOOK_SECRET_KEY back.
    if (!this.key) throw new Error('a webhook secret is encrypted but WEBHOOK_SECRET_KEY is not set');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
