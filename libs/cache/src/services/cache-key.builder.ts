import { CACHE_DEFAULTS } from '../constants/cache-defaults.constant';
import { InvalidCacheKeyException } from '../exceptions/invalid-cache-key.exception';
import { RecordRef } from '../types/record-ref.type';

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
 * The one place Redis keys are made. Layout: `<ns>:r:<tenant>:<collection>:<id>` for records
 * (tenant and id percent-encoded, see encodeKeyPart), so a tenant's or a collection's records can
 * be scanned by prefix; `<ns>:truncated:<collection>` markers; `<ns>:rl:<destination>:...` for
 * the rate limits all delivery-worker replicas share.
 * The version guard touches a record key and its collection's marker in one script: on Redis
 * Cluster both must share a slot, which this single-instance layout does not yet arrange.
 */
export class CacheKeyBuilder {
  constructor(readonly namespace: string = CACHE_DEFAULTS.namespace) {
    CacheKeyBuilder.check('namespace', namespace);
  }

  record({ tenant, entity, id }: RecordRef): string {
    return `${this.namespace}:r:${encodeKeyPart(tenant)}:${CacheKeyBuilder.check('entity', entity)}:${encodeKeyPart(id)}`;
  }

  /** The WAL position of the entity's last TRUNCATE (TRUNCATE is table-wide, across tenants). */
  truncateMarker(entity: string): string {
    return `${this.namespace}:truncated:${CacheKeyBuilder.check('entity', entity)}`;
  }

  /** Call timestamps of a destination's rolling rate-limit window (a sorted set). */
  rateWindow(destinationId: string): string {
    return `${this.namespace}:rl:${CacheKeyBuilder.check('destination', destinationId)}:window`;
  }

  /** A destination's call count for one UTC day (`YYYYMMDD`). */
  rateDay(destinationId: string, day: string): string {
    return `${this.namespace}:rl:${CacheKeyBuilder.check('destination', destinationId)}:day:${CacheKeyBuilder.check('day', day)}`;
  }

  /** Until when (ms since epoch) every replica holds off a destination (after a 429). */
  rateBlockedUntil(destinationId: string): string {
    return `${this.namespace}:rl:${CacheKeyBuilder.check('destination', destinationId)}:blocked`;
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

  private static check(part: string, value: string): string {
    if (!SAFE_NAME.test(value)) throw new InvalidCacheKeyException(part, value);
    return value;
  }
}
