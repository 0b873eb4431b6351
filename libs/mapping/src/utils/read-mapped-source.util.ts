import type { CanonicalRecord } from '@syncline/records';
import { RECORD_ID_SOURCE } from '../constants/record-id-source.constant';
import { readRecordField } from './read-record-field.util';

/** The value a mapping source names: the record id for `$id`, else `readRecordField`. */
export function readMappedSource(
  record: CanonicalRecord,
  source: string,
  recordId: string | undefined,
): unknown {
  return source === RECORD_ID_SOURCE ? recordId : readRecordField(record, source);
}
