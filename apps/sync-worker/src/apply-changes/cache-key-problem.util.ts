import { CacheKeyBuilder, InvalidCacheKeyException } from '@syncline/cache';
import { RowChange } from '@syncline/cdc';

// The namespace plays no part in whether a tenant or an id is a valid key part.
const keys = new CacheKeyBuilder();

/** Why this change's record cannot have a cache key (a tenant or id the key builder refuses), if so. */
export function cacheKeyProblem(change: RowChange): InvalidCacheKeyException | undefined {
  try {
    keys.record({ tenant: change.tenant, entity: change.collection.name, id: change.id });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidCacheKeyException) return error;
    throw error;
  }
}
