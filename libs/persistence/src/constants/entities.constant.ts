import { CompanyEntity } from '../entities/company.entity';
import { ContactEntity } from '../entities/contact.entity';
import { DealEntity } from '../entities/deal.entity';

/** Every TypeORM entity of System A (explicit list: globs differ between ts-node and dist). */
export const ENTITIES = [CompanyEntity, ContactEntity, DealEntity];
