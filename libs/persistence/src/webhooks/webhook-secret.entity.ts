import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** An org's webhook signing secret, sealed by WebhookSecretCipher; one per org, replaced on rotation. */
@Entity({ name: 'webhook_secrets' })
export class WebhookSecretEntity {
  @ForeignKey('orgs', { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  /** `v1.<iv>.<tag>.<ciphertext>` (AES-256-GCM) or `plain.<secret>` when no key is configured. Never log it. */
  @Column({ name: 'sealed_secret', type: 'text' })
  sealedSecret!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
