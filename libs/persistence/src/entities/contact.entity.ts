import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CONTACT_LIFECYCLE_STAGES } from '../constants/contact-lifecycle-stages.constant';
import { CONTACT_STATUSES } from '../constants/contact-statuses.constant';
import type { ContactLifecycleStage } from '../types/contact-lifecycle-stage.type';
import type { ContactStatus } from '../types/contact-status.type';
import { SyncedRecordEntity } from './synced-record.entity';

@Entity({ name: 'contacts' })
@Unique('uq_contacts_tenant_id_email', ['tenantId', 'email'])
@Index('ix_contacts_tenant_id_company_id', ['tenantId', 'companyId'])
export class ContactEntity extends SyncedRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_contacts' })
  tenantId!: string;

  // DEFAULT gen_random_uuid() in the database (core since Postgres 13)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contacts' })
  id!: string;

  /** A company of the same tenant; no foreign key (see the InitSystemA migration). */
  @Column({ name: 'company_id', type: 'uuid', nullable: true })
  companyId!: string | null;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({
    name: 'lifecycle_stage',
    type: 'enum',
    enum: CONTACT_LIFECYCLE_STAGES,
    enumName: 'contact_lifecycle_stage',
    default: 'lead',
  })
  lifecycleStage!: ContactLifecycleStage;

  @Column({ type: 'enum', enum: CONTACT_STATUSES, enumName: 'contact_status', default: 'active' })
  status!: ContactStatus;

  @Column({ name: 'lead_score', type: 'integer', default: 0 })
  leadScore!: number;

  @Column({ name: 'do_not_contact', type: 'boolean', default: false })
  doNotContact!: boolean;

  @Column({ name: 'last_contacted_at', type: 'timestamptz', nullable: true })
  lastContactedAt!: Date | null;

  /** Large free text: big values are TOASTed, which CDC must cope with. */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;
}
