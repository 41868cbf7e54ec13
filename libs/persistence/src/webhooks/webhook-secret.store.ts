import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { WebhookSecretEntity } from './webhook-secret.entity';

/** A new signing secret: `whsec_` and 32 random bytes as base64url. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** Reads and replaces orgs' webhook signing secrets; the clear secret never leaves through a log. */
export class WebhookSecretStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  /** A new secret for the org, replacing the old one at once; returned so the caller can show it once. */
  async rotate(orgId: string): Promise<{ secret: string; createdAt: Date }> {
    const secret = generateWebhookSecret();
    const [row] = await this.dataSource.query<Array<{ created_at: Date }>>(
      `INSERT INTO webhook_secrets (org_id, sealed_secret) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, created_at = now()
       RETURNING created_at`,
      [orgId, this.cipher.seal(secret)],
    );
    return { secret, createdAt: row.created_at };
  }

  /** The org's secret, created when it has none yet (concurrent callers end up with the same one). */
  async getOrCreate(orgId: string): Promise<string> {
    const repository = this.dataSource.getRepository(WebhookSecretEntity);
    const existing = await repository.findOneBy({ orgId });
    if (existing) return this.cipher.open(existing.sealedSecret);
    await repository
      .createQueryBuilder()
      .insert()
      .values({ orgId, sealedSecret: this.cipher.seal(generateWebhookSecret()) })
      .orIgnore()
      .execute();
    const row = await repository.findOneByOrFail({ orgId });
    return this.cipher.open(row.sealedSecret);
  }
}
