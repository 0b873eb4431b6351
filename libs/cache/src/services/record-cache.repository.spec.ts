import Redis from 'ioredis';
import { CacheUnavailableException } from '../exceptions/cache-unavailable.exception';
import { InvalidCacheKeyException } from '../exceptions/invalid-cache-key.exception';
import { CacheKeyBuilder } from './cache-key.builder';
import { RecordCacheRepository } from './record-cache.repository';

// A client whose server is unreachable (nothing listens on port 1): every call must surface as the
// retriable CacheUnavailableException, so the caller retries instead of dead-lettering or
// treating a write as done. The version guard itself runs against real Redis in
// test/integration/cache/record-cache.int-spec.ts.
describe(RecordCacheRepository.name, () => {
  let redis: Redis;
  let cache: RecordCacheRepository;
  const at = { tenant: 'acme', entity: 'contact', id: '1' };

  beforeEach(() => {
    redis = new Redis(1, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    cache = new RecordCacheRepository(redis, new CacheKeyBuilder('t-unit'));
  });

  afterEach(() => {
    redis.disconnect();
  });

  const expectUnavailable = async (call: Promise<unknown>) => {
    const error: unknown = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CacheUnavailableException);
    expect(error).toMatchObject({ code: 'CACHE_UNAVAILABLE', retriable: true });
  };

  it('fails writes with a retriable CacheUnavailableException when Redis is down', async () => {
    await expectUnavailable(cache.apply({ ...at, kind: 'upsert', version: 1, data: {} }));
    await expectUnavailable(cache.applyMany([{ ...at, kind: 'delete', version: 2 }]));
  });

  it('fails reads and truncates the same way', async () => {
    await expectUnavailable(cache.getMany([at]));
    await expectUnavailable(cache.getManyJson([at]));
    await expectUnavailable(cache.getManyJson([at, { ...at, id: '2' }]));
    await expectUnavailable(cache.truncateEntity('contact', 10));
  });

  it('fails clearEntity the same way', async () => {
    await expectUnavailable(cache.clearEntity('contact', 'acme'));
  });

  it('refuses a collection name that cannot be a key part before talking to Redis, as a non-retriable error', async () => {
    await expect(
      cache.apply({ ...at, entity: 'a:b', kind: 'upsert', version: 1, data: {} }),
    ).rejects.toBeInstanceOf(InvalidCacheKeyException);
    await expect(cache.getMany([{ ...at, entity: '*' }])).rejects.toBeInstanceOf(
      InvalidCacheKeyException,
    );
  });

  it('answers empty batches without a round trip', async () => {
    expect(await cache.applyMany([])).toEqual([]);
    expect(await cache.getMany([])).toEqual([]);
  });
});
