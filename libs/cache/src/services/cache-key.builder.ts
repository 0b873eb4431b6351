import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { InvalidCacheKeyException } from '../exceptions/invalid-cache-key.exception';
import { RecordRef } from '../types/record-ref.type';
import { HASH_SLOT_COUNT, hashSlotOf, slotTag } from '../utils/hash-slot.util';

// Names Syncline chooses itself (namespace, collection names, destination ids) use this alphabet.
const SAFE_NAME = /^[A-Za-z0-9._@-]{1,128}$/;
// Values that come from user data (tenant ids, record ids) may hold any character: each key part
// keeps this alphabet and percent-encodes every other UTF-8 byte (`%` included), so a key parses
// back uniquely, no part contains the `:` separator, and no part is a SCAN glob.
const KEPT = /[A-Za-z0-9._@,-]/;

/** Percent-encodes a user value into one key part (see KEPT). */
export function encodeKeyPart(value: string): string {
  if (value === '') return '%';
  let encoded = '';
  for (const char of value) {
    if (KEPT.test(char)) encoded += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The value a key part encodes; throws for a part encodeKeyPart would never have produced. */
export function decodeKeyPart(part: string): string {
  const value = part === '%' ? '' : decodeURIComponent(part);
  if (encodeKeyPart(value) !== part) throw new URIError(`not an encoded key part: ${part}`);
  return value;
}

/**
 * The one place Redis keys are made (the layout is a published contract: docs/redis-contract.md).
 * Records at `<ns>:r:<tenant>:<collection>:<id>` (tenant and id percent-encoded, see
 * encodeKeyPart), so a tenant's or a collection's records can be scanned by prefix. Record keys
 * carry no hash tag: on Redis Cluster they spread over every slot, whatever the tenant or
 * collection. Everything one script touches shares a slot:
 * - a record's version guard reads its collection's truncate marker of the record's slot,
 *   `<ns>:truncated:<collection>:{<tag>}` with a tag that hashes to that slot; a TRUNCATE raises
 *   the markers of all 16384 slots;
 * - a destination's rate-limit keys share `{<destination>}`: `<ns>:rl:{<destination>}:...`.
 */
export class CacheKeyBuilder {
  constructor(readonly namespace: string = CACHE_DEFAULTS.namespace) {
    CacheKeyBuilder.check('namespace', namespace);
  }

  record({ tenant, entity, id }: RecordRef): string {
    return `${this.namespace}:r:${encodeKeyPart(tenant)}:${CacheKeyBuilder.check('entity', entity)}:${encodeKeyPart(id)}`;
  }

  /** Holds the version of the Redis contract (docs/redis-contract.md) the writers follow. */
  contract(): string {
    return `${this.namespace}:contract`;
  }

  /**
   * The marker holding the WAL position of the collection's last TRUNCATE (table-wide, across
   * tenants) that the version guard of `recordKey` reads: the one in the record's hash slot.
   */
  truncateMarkerFor(entity: string, recordKey: string): string {
    return this.truncateMarkerOfSlot(entity, hashSlotOf(recordKey));
  }

  /** Every slot's truncate marker of a collection: a TRUNCATE raises them all. */
  truncateMarkers(entity: string): string[] {
    return Array.from({ length: HASH_SLOT_COUNT }, (_, slot) =>
      this.truncateMarkerOfSlot(entity, slot),
    );
  }

  /** Call timestamps of a destination's rolling rate-limit window (a sorted set). */
  rateWindow(destinationId: string): string {
    return `${this.rateKeyPrefix(destinationId)}:window`;
  }

  /** A destination's call count for one UTC day (`YYYYMMDD`). */
  rateDay(destinationId: string, day: string): string {
    return `${this.rateKeyPrefix(destinationId)}:day:${CacheKeyBuilder.check('day', day)}`;
  }

  /** Until when (ms since epoch) every replica holds off a destination (after a 429). */
  rateBlockedUntil(destinationId: string): string {
    return `${this.rateKeyPrefix(destinationId)}:blocked`;
  }

  /**
   * The rate-limit bucket (a destination id for `SharedRateLimiter`) of a destination's search
   * requests: a CRM that limits search apart (HubSpot, 5/s per account) gets its own window.
   */
  searchRateBucket(destinationId: string): string {
    return `${CacheKeyBuilder.check('destination', destinationId)}.search`;
  }

  /** SCAN pattern for every record of an entity, across tenants or for one tenant. */
  entityPattern(entity: string, tenant?: string): string {
    const tenantPart = tenant === undefined ? '*' : encodeKeyPart(tenant);
    return `${this.namespace}:r:${tenantPart}:${CacheKeyBuilder.check('entity', entity)}:*`;
  }

  /** SCAN pattern for every record of one tenant, of every entity. */
  tenantPattern(tenant: string): string {
    return `${this.namespace}:r:${encodeKeyPart(tenant)}:*`;
  }

  /** SCAN pattern for every record key of this namespace. */
  allRecordsPattern(): string {
    return `${this.namespace}:r:*`;
  }

  parseRecord(key: string): RecordRef {
    const parts = key.split(':');
    if (parts.length !== 5 || parts[0] !== this.namespace || parts[1] !== 'r') {
      throw new InvalidCacheKeyException('record key', key);
    }
    try {
      return {
        tenant: decodeKeyPart(parts[2]),
        entity: CacheKeyBuilder.check('entity', parts[3]),
        id: decodeKeyPart(parts[4]),
      };
    } catch {
      throw new InvalidCacheKeyException('record key', key);
    }
  }

  private truncateMarkerOfSlot(entity: string, slot: number): string {
    return `${this.namespace}:truncated:${CacheKeyBuilder.check('entity', entity)}:{${slotTag(slot)}}`;
  }

  /** One destination's rate-limit keys share a hash tag: its limiter script touches them all. */
  private rateKeyPrefix(destinationId: string): string {
    return `${this.namespace}:rl:{${CacheKeyBuilder.check('destination', destinationId)}}`;
  }

  private static check(part: string, value: string): string {
    if (!SAFE_NAME.test(value)) throw new InvalidCacheKeyException(part, value);
    return value;
  }
}
