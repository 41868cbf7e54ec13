import { ArtifactKindV1 } from '@webbyflow/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

export type StorageDriverName = 'local' | 's3';
export const STORAGE_DRIVER_NAMES: readonly StorageDriverName[] = ['local', 's3'];
export const ARTIFACT_KINDS: readonly ArtifactKindV1[] = ArtifactKindV1.options;
/** `pending`: the store was down and the bytes wait in artifact-svc's local spool; `stored`: in storage. */
export type ArtifactState = 'pending' | 'stored';
export const ARTIFACT_STATES: readonly ArtifactState[] = ['pending', 'stored'];

const inList = (column: string, values: readonly string[]) =>
  `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * Metadata of bytes held by artifact-svc. No foreign keys on purpose: artifact-svc owns these rows and
 * must delete the bytes with them, which a database cascade cannot do.
 */
@Entity({ name: 'artifacts' })
@Check(inList('kind', ARTIFACT_KINDS))
@Check(inList('storage_driver', STORAGE_DRIVER_NAMES))
@Check(inList('state', ARTIFACT_STATES))
export class ArtifactEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Index()
  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Column({ name: 'step_index', type: 'int', nullable: true })
  stepIndex!: number | null;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: ArtifactKindV1;

  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintNumberTransformer })
  sizeBytes!: number;

  /** sha256 hex of the bytes. */
  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_driver', type: 'varchar', length: 8 })
  storageDriver!: StorageDriverName;

  @Index({ unique: true })
  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  /** The storage key is where the bytes will be once a pending artifact is stored. */
  @Column({ name: 'state', type: 'varchar', length: 8, default: 'stored' })
  state!: ArtifactState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
