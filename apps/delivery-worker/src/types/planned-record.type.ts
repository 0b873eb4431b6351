import { RecordChangedNotice } from '@syncline/events';
import { EntityMapping, MappedRecord } from '@syncline/mapping';

/** One record's work for this batch: what to send, and how often it was tried. */
export interface PlannedRecord {
  key: string;
  notice: RecordChangedNotice;
  mapping: EntityMapping;
  action: 'upsert' | 'archive';
  identity: string;
  mapped?: MappedRecord;
  hash?: string;
  version: number;
  attempts: number;
  /** The record's id at the destination, once known (two-way mappings remember it). */
  externalId?: string;
}
