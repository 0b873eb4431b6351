import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

/** Limits a destination is held to, shared by all delivery-worker replicas. */
export interface DestinationRateLimit {
  /** Calls allowed per interval (HubSpot: 190 per 10 s for a private app). */
  requestsPerInterval: number;
  intervalMs: number;
  /** Calls allowed per UTC day; absent = no daily cap. */
  dailyLimit?: number;
}

/**
 * A CRM account or REST endpoint of one tenant. Credentials are stored only encrypted
 * (AES-256-GCM, see CredentialCipher) and are never returned by the API.
 */
@Entity({ name: 'destinations', schema: 'syncline' })
@Index('ix_destinations_tenant_id', ['tenantId'])
@Check('ck_destinations_kind', `kind IN ('hubspot', 'salesforce', 'rest')`)
export class DestinationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity)
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'destinations_tenant_id_fkey' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: 'hubspot' | 'salesforce' | 'rest';

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  /** iv.tag.ciphertext (base64url), AES-256-GCM with the key from SYNCLINE_CREDENTIALS_KEY. */
  @Column({ name: 'credentials_encrypted', type: 'text' })
  credentialsEncrypted!: string;

  /** Connector options: Salesforce loginUrl, REST templates, ... (no secrets). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  options!: Record<string, unknown>;

  @Column({ name: 'rate_limit', type: 'jsonb' })
  rateLimit!: DestinationRateLimit;

  /** Reconciliation archives CRM records that have no source row only when the destination mirrors. */
  @Column({ type: 'boolean', default: false })
  mirror!: boolean;

  /** Paused destinations keep their queue; nothing is sent until resumed. */
  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
