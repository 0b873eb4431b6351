import { CompanyEntity } from '../entities/company.entity';
import { ContactEntity } from '../entities/contact.entity';
import { DestinationEntity } from '../entities/control-plane/destination.entity';
import { DeliveryLogEntity } from '../entities/control-plane/delivery-log.entity';
import { EntityMappingEntity } from '../entities/control-plane/entity-mapping.entity';
import { ReconcileRunEntity } from '../entities/control-plane/reconcile-run.entity';
import { TenantEntity } from '../entities/control-plane/tenant.entity';
import { DealEntity } from '../entities/deal.entity';

/** Every TypeORM entity: System A and the control plane (explicit: globs differ between ts-node and dist). */
export const ENTITIES = [
  CompanyEntity,
  ContactEntity,
  DealEntity,
  TenantEntity,
  DestinationEntity,
  EntityMappingEntity,
  DeliveryLogEntity,
  ReconcileRunEntity,
];
