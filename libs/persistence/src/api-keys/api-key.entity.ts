import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only its public prefix and the sha256 of the whole key are stored (see `api-key.hasher.ts`). */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @Index()
  @ForeignKey('orgs', { onDelete: 'CASCADE' })
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  /** Public start of the key, e.g. `wf_ab12cd34`; safe to show and log. */
  @Index({ unique: true })
  @Column({ name: 'prefix', type: 'varchar', length: 32 })
  prefix!: string;

  /** sha256 hex of the full key. */
  @Index({ unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
