import { EntityMapping } from '../types/entity-mapping.type';
import { FieldMapping } from '../types/field-mapping.type';
import { ownerOf } from './owner-of.util';

/**
 * The fields an update of a record the destination already holds may send: not a CRM-owned field
 * under 'field_ownership' (it is the CRM's to change; it goes out only with a new record). What
 * deliveries send in updates and what `reconcile crm` compares.
 */
export function updatableFields(
  mapping: Pick<EntityMapping, 'fields' | 'inbound'>,
): FieldMapping[] {
  if (mapping.inbound?.conflictPolicy !== 'field_ownership') return mapping.fields;
  return mapping.fields.filter(
    (field) => !(field.direction === 'both' && ownerOf(field) === 'crm'),
  );
}
