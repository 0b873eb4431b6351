import { CacheKeyBuilder, RecordRef, RedisClient } from '@syncline/cache';
import { REPLACE_CONTENT_LUA } from '../scripts/replace-content.lua';

type RedisWithReplace = RedisClient & {
  replaceContent(...keysThenArgs: (string | number)[]): Promise<number>;
};

/**
 * Repairs "same version, different data": the version guard treats an upsert at the stored
 * version as a duplicate, so this compare-and-set replaces the data only while the record still
 * holds exactly the version and data the reconciler saw.
 */
export class ContentReplacer {
  private readonly redis: RedisWithReplace;

  constructor(
    redis: RedisClient,
    private readonly keys: CacheKeyBuilder,
  ) {
    if (!('replaceContent' in redis)) {
      redis.defineCommand('replaceContent', { numberOfKeys: 2, lua: REPLACE_CONTENT_LUA });
    }
    this.redis = redis as RedisWithReplace;
  }

  /** True when the data was replaced. */
  async replace(
    ref: RecordRef,
    seen: { version: number; digest: string },
    json: string,
    position: number,
  ): Promise<boolean> {
    const written = await this.redis.replaceContent(
      this.keys.record(ref),
      this.keys.truncateMarkerFor(ref.entity, this.keys.record(ref)),
      seen.version,
      seen.digest,
      json,
      position,
    );
    return written === 1;
  }
}
