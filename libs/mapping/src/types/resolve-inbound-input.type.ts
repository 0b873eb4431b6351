import type { CanonicalRecord } from '@syncline/records';
import { EntityMapping } from './entity-mapping.type';
import { MappedValue } from './mapped-value.type';

/** One destination record read back, with what is known about it and its row. */
export interface ResolveInboundInput {
  mapping: Pick<EntityMapping, 'identity' | 'fields' | 'inbound'>;
  /** The destination record's current properties (absent = not read) and when it last changed there (ISO-8601 or ms). */
  remote: { properties: Readonly<Record<string, unknown>>; lastModified: string };
  /** The destination's values as last known (sent, or read), in forward form; undefined = never known. */
  known: Readonly<Record<string, MappedValue>> | undefined;
  /** The row linked to the record; undefined = none (created only with `inbound.createRows`). */
  row: CanonicalRecord | undefined;
  /** The row's record id, what a `$id` source reads. */
  recordId?: string;
}
