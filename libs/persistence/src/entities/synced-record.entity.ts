import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { CustomFields } from '../types/custom-fields.type';
import { bigintNumberTransformer } from '../utils/bigint-number.transformer';

/**
 * Columns every synced System A table shares (besides its key, which each entity declares so it
 * can name its own primary key constraint).
 *
 * `version` belongs to the database: a trigger sets it from one global sequence on every insert and
 * update, raw SQL included, so TypeORM never writes it. `save()` does not read it back after an update: a write
 * path that needs the new version (e.g. a write-through to the cache) must use
 * `UPDATE ... RETURNING version` (query builder `.returning(...)`) or reload the row.
 * (Not a TypeORM @VersionColumn: that forces an int4 column type.)
 */
export abstract class SyncedRecordEntity {
  abstract tenantId: string;
  abstract id: string;

  @Column({
    type: 'bigint',
    default: () => "nextval('syncline_record_version')",
    insert: false,
    update: false,
    transformer: bigintNumberTransformer,
  })
  readonly version!: number;

  @Column({ name: 'custom_fields', type: 'jsonb', default: () => "'{}'" })
  customFields!: CustomFields;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
