import { ENTITY_NAMES } from '../constants/entity-names.constant';
import { ENTITY_REGISTRY } from '../constants/entity-registry.constant';
import type { EntityName } from '../types/entity-name.type';

/** The entity synced from `table`, or undefined for a table System A does not sync. */
export function entityNameForTable(table: string): EntityName | undefined {
  return ENTITY_NAMES.find((name) => ENTITY_REGISTRY[name].table === table);
}
