import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { DestinationEntity } from './destination.entity';
import { TenantEntity } from './tenant.entity';

/**
 * How one tenant's entity maps to one destination object. `document` holds the validated mapping
 * (object, identity, fields, rules; see @syncline/mapping); `version` rises with every change.
 */
@Entity({ name: 'entity_mappings', schema: 'syncline' })
@Unique('uq_entity_mappings_tenant_entity_destination', ['tenantId', 'entity', 'destinationId'])
export class EntityMappingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity)
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'entity_mappings_tenant_id_fkey' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ name: 'destination_id', type: 'uuid' })
  destinationId!: string;

  @ManyToOne(() => DestinationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'destination_id',
    foreignKeyConstraintName: 'entity_mappings_destination_id_fkey',
  })
  destination?: DestinationEntity;

  @Column({ type: 'jsonb' })
  document!: Record<string, unknown>;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
