import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DEAL_STAGES } from '../constants/deal-stages.constant';
import type { DealStage } from '../types/deal-stage.type';
import { SyncedRecordEntity } from './synced-record.entity';

@Entity({ name: 'deals' })
@Index('ix_deals_tenant_id_company_id', ['tenantId', 'companyId'])
@Index('ix_deals_tenant_id_contact_id', ['tenantId', 'contactId'])
@Check('ck_deals_currency', `"currency" ~ '^[A-Z]{3}$'`)
export class DealEntity extends SyncedRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_deals' })
  tenantId!: string;

  // DEFAULT gen_random_uuid() in the database (core since Postgres 13)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_deals' })
  id!: string;

  /** A company of the same tenant; no foreign key (see the InitSystemA migration). */
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId!: string | null;

  /** A contact of the same tenant; no foreign key (see the InitSystemA migration). */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({
    type: 'enum',
    enum: DEAL_STAGES,
    enumName: 'deal_stage',
    default: 'appointment_scheduled',
  })
  stage!: DealStage;

  /** numeric(18,2) stays a string: a JS number cannot hold every such value exactly. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true })
  amount!: string | null;

  /** ISO 4217 code, upper case. */
  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: string;

  /** A calendar date, returned as 'YYYY-MM-DD'. */
  @Column({ name: 'close_date', type: 'date', nullable: true })
  closeDate!: string | null;

  @Column({ name: 'is_closed', type: 'boolean', default: false })
  isClosed!: boolean;

  /** Large free text: big values are TOASTed, which CDC must cope with. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
