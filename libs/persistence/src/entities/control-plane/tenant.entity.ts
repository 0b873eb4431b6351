import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A customer of Syncline; its records, destinations and mappings are its own. */
@Entity({ name: 'tenants', schema: 'syncline' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
