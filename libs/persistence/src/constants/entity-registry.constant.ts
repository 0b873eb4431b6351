import { CompanyEntity } from '../entities/company.entity';
import { ContactEntity } from '../entities/contact.entity';
import { DealEntity } from '../entities/deal.entity';
import type { EntityName } from '../types/entity-name.type';
import type { EntityRegistration } from '../types/entity-registration.type';

/** Entity name -> table and TypeORM entity. To add an entity, add it here and to ENTITY_NAMES. */
export const ENTITY_REGISTRY = {
  company: { table: 'companies', entity: CompanyEntity },
  contact: { table: 'contacts', entity: ContactEntity },
  deal: { table: 'deals', entity: DealEntity },
} as const satisfies { readonly [N in EntityName]: EntityRegistration };
