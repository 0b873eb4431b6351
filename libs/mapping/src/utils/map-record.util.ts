import type { CanonicalRecord } from '@syncline/records';
import { MappingFailedException } from '../exceptions/mapping-failed.exception';
import { EntityMapping } from '../types/entity-mapping.type';
import { MappedRecord } from '../types/mapped-record.type';
import { MappedValue } from '../types/mapped-value.type';
import { MappingIssue } from '../types/mapping-issue.type';
import { describeValue } from './describe-value.util';
import { mapFieldValue } from './map-field-value.util';
import { identityText } from './identity-text.util';
import { readMappedSource } from './read-mapped-source.util';

/**
 * A canonical record in the destination's terms. Applies every field mapping and reports every
 * failure at once: throws `MappingFailedException` (permanent, to the DLQ) naming each field.
 * `recordId` (the record's id, `recordIdOf`) is what a `$id` source reads. Fields with direction
 * 'in' are left out: they only flow from the destination.
 */
export function mapRecord(
  mapping: Pick<EntityMapping, 'identity' | 'fields'>,
  record: CanonicalRecord,
  recordId?: string,
): MappedRecord {
  const issues: MappingIssue[] = [];
  const value = readMappedSource(record, mapping.identity.source, recordId);
  const identity = identityText(value);
  if (identity === undefined) {
    issues.push({
      path: mapping.identity.source,
      message: `identity for ${mapping.identity.target} must be a non-empty string or a number, got ${describeValue(value)}`,
    });
  }
  const entries: [string, MappedValue][] = [];
  for (const field of mapping.fields) {
    if (field.direction === 'in') continue;
    const result = mapFieldValue(field, readMappedSource(record, field.source, recordId));
    if (result.ok) entries.push([field.target, result.value]);
    else issues.push({ path: field.source, message: `${result.reason} (target ${field.target})` });
  }
  if (issues.length > 0) throw new MappingFailedException('record cannot be mapped', issues);
  // fromEntries defines own properties, so a target named `__proto__` stays a plain key.
  return { identity: identity as string, properties: Object.fromEntries(entries) };
}
