import type { CanonicalRecord } from '@syncline/records';
import { FieldMapping, FieldOwner } from '../types/field-mapping.type';
import { InboundRules } from '../types/inbound-rules.type';
import { ownerOf } from './owner-of.util';
import { parseCrmInstant } from './parse-crm-instant.util';
import { parseIsoDateTime } from './parse-iso-datetime.util';
import { readRecordField } from './read-record-field.util';

/**
 * Which side wins a field both sides changed, by the mapping's conflict policy. Under
 * 'last_writer_wins' the later of the destination's `lastModified` and the row's
 * `modifiedAtColumn` wins; a tie, or a time that cannot be read, keeps Postgres's value (an
 * inbound write must not replace data on a guess).
 */
export function conflictWinner(
  field: Pick<FieldMapping, 'direction' | 'owner'>,
  inbound: InboundRules,
  remoteLastModified: string,
  row: CanonicalRecord,
): FieldOwner {
  switch (inbound.conflictPolicy) {
    case 'postgres_wins':
      return 'postgres';
    case 'crm_wins':
      return 'crm';
    case 'field_ownership':
      return ownerOf(field);
    case 'last_writer_wins': {
      const crm = parseCrmInstant(remoteLastModified, true)?.ms;
      const postgres = rowInstant(
        inbound.modifiedAtColumn === undefined
          ? undefined
          : readRecordField(row, inbound.modifiedAtColumn),
      );
      return crm !== undefined && postgres !== undefined && crm > postgres ? 'crm' : 'postgres';
    }
  }
}

// timestamptz values carry 'Z'; a timestamp column has no zone and is read as UTC.
function rowInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return parseIsoDateTime(value) ?? parseIsoDateTime(`${value}Z`);
}
