import { EntityMapping } from './entity-mapping.type';

/** What an admin sends to create or replace a mapping; id, tenant and version come from the server. */
export type MappingDocument = Omit<EntityMapping, 'id' | 'tenant' | 'version'>;
