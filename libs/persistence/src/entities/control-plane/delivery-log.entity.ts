import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DestinationEntity } from './destination.entity';
import { bigintNumberTransformer } from '../../utils/bigint-number.transformer';

/**
 * The latest delivery of each record to each destination: what an operator queries, and what
 * makes a re-send of an identical payload a no-op (`payload_hash`).
 */
@Entity({ name: 'delivery_log', schema: 'syncline' })
@Index('ix_delivery_log_destination_status', ['destinationId', 'status', 'updatedAt'])
export class DeliveryLogEntity {
  @PrimaryColumn({
    name: 'destination_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_delivery_log',
  })
  destinationId!: string;

  @ManyToOne(() => DestinationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'destination_id',
    foreignKeyConstraintName: 'delivery_log_destination_id_fkey',
  })
  destination?: DestinationEntity;

  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_delivery_log' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_delivery_log' })
  entity!: string;

  @PrimaryColumn({ name: 'record_id', type: 'text', primaryKeyConstraintName: 'pk_delivery_log' })
  recordId!: string;

  @Column({ type: 'bigint', transformer: bigintNumberTransformer })
  version!: number;

  /** upsert | archive */
  @Column({ type: 'text' })
  operation!: string;

  /** delivered | skipped | failed | dead_lettered */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'error_class', type: 'text', nullable: true })
  errorClass!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Hash of the last payload the destination accepted; null until one was. */
  @Column({ name: 'payload_hash', type: 'text', nullable: true })
  payloadHash!: string | null;

  /** Version of the record last accepted by the destination. */
  @Column({
    name: 'delivered_version',
    type: 'bigint',
    nullable: true,
    transformer: bigintNumberTransformer,
  })
  deliveredVersion!: number | null;

  /** The identity value the destination knows the record by (needed to archive it later). */
  @Column({ type: 'text', nullable: true })
  identity!: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
