import { Check, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { COMPANY_INDUSTRIES } from '../constants/company-industries.constant';
import type { CompanyIndustry } from '../types/company-industry.type';
import { SyncedRecordEntity } from './synced-record.entity';

@Entity({ name: 'companies' })
@Check('ck_companies_employee_count', '"employee_count" >= 0')
export class CompanyEntity extends SyncedRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_companies' })
  tenantId!: string;

  // DEFAULT gen_random_uuid() in the database (core since Postgres 13)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_companies' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  domain!: string | null;

  @Column({ type: 'enum', enum: COMPANY_INDUSTRIES, enumName: 'company_industry', nullable: true })
  industry!: CompanyIndustry | null;

  @Column({ name: 'employee_count', type: 'integer', nullable: true })
  employeeCount!: number | null;

  /** numeric(18,2) stays a string: a JS number cannot hold every such value exactly. */
  @Column({ name: 'annual_revenue', type: 'numeric', precision: 18, scale: 2, nullable: true })
  annualRevenue!: string | null;

  @Column({ name: 'is_customer', type: 'boolean', default: false })
  isCustomer!: boolean;

  /** Large free text: big values are TOASTed, which CDC must cope with. */
  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
