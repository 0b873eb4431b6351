import { EntityDefinition } from '@syncline/records';
import { DecodeFailure } from '../exceptions/decode-failure.exception';
import { RowChange } from './row-change.type';
import { SourcePosition } from './source-position.type';

/** What one Kafka message on a CDC topic turned out to be. */
export type DecodedEvent =
  | { type: 'change'; change: RowChange }
  | { type: 'truncate'; entity: EntityDefinition; lsn: number; source: SourcePosition }
  // A delete's Kafka tombstone: compaction's business, nothing for the cache to do.
  | { type: 'tombstone'; source: SourcePosition }
  | { type: 'poison'; error: DecodeFailure; source: SourcePosition };
