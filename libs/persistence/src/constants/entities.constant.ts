import { DestinationEntity } from '../entities/control-plane/destination.entity';
import { DeliveryLogEntity } from '../entities/control-plane/delivery-log.entity';
import { EntityMappingEntity } from '../entities/control-plane/entity-mapping.entity';
import { ReconcileRunEntity } from '../entities/control-plane/reconcile-run.entity';
import { TenantEntity } from '../entities/control-plane/tenant.entity';

/** Every TypeORM entity: the control plane only (explicit: globs differ between ts-node and dist). */
export const ENTITIES = [
  TenantEntity,
  DestinationEntity,
  EntityMappingEntity,
  DeliveryLogEntity,
  ReconcileRunEntity,
];
