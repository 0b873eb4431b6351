import { FieldMapping } from '../types/field-mapping.type';

/** Whether a field's value is read back from the destination (direction 'in' or 'both'). */
export function isInboundField(field: Pick<FieldMapping, 'direction'>): boolean {
  return field.direction === 'in' || field.direction === 'both';
}
