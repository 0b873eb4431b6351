import { FieldMapping } from '../types/field-mapping.type';
import { InboundValueResult } from '../types/inbound-value-result.type';
import { mapFieldValue } from './map-field-value.util';
import { reverseTransform } from './reverse-transform.util';

/**
 * A destination value as a column value (`column`, through `reverseTransform`) and in forward form
 * (`value`, that column value through `mapFieldValue`, so default, maxLength and truncate apply as
 * outbound): comparable with what `mapRecord` sends and with the known destination state.
 */
export function normalizeInbound(field: FieldMapping, crmValue: unknown): InboundValueResult {
  const column = reverseTransform(field, crmValue);
  if (!column.ok) return column;
  const forward = mapFieldValue(field, column.value);
  if (!forward.ok) return forward;
  return { ok: true, value: forward.value, column: column.value };
}
