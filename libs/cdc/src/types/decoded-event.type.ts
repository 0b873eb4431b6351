import { CollectionDefinition } from '@syncline/records';
import { DecodeFailure } from '../exceptions/decode-failure.exception';
import { RowChange } from './row-change.type';
import { SourcePosition } from './source-position.type';

/**
 * What one Kafka message on a CDC topic turned out to be. `drift` lists signs that the catalog
 * has moved on since the collections were read (an unknown table, a column the collection lacks or
 * the event lacks): a consumer that sees any re-reads the catalog and decodes the message again.
 */
export type DecodedEvent =
  | { type: 'change'; change: RowChange; drift: string[] }
  | { type: 'truncate'; collection: CollectionDefinition; lsn: number; source: SourcePosition }
  // A delete's Kafka tombstone: compaction's business, nothing for the cache to do.
  | { type: 'tombstone'; source: SourcePosition }
  | { type: 'poison'; error: DecodeFailure; source: SourcePosition; drift: string[] };
