import { RecordRef } from './record-ref.type';

/**
 * One version-guarded write. `data` is the record's canonical JSON; a delete carries none and
 * leaves a tombstone at `version`. `lsn` is the change's WAL position when it comes from CDC, so a
 * change older than a TRUNCATE of its table is recognised; writes that read Postgres now omit it.
 * A delete's tombstone lives for the repository's tombstone TTL, whatever the collection's TTL.
 */
export type CacheWrite =
  | (RecordRef & {
      kind: 'upsert';
      version: number;
      data: Record<string, unknown>;
      lsn?: number;
      /** The collection's `ttlSeconds`: the entry expires this long after this write. */
      ttlSeconds?: number;
    })
  | (RecordRef & { kind: 'delete'; version: number; lsn?: number });
