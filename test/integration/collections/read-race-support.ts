import { loadConfig } from '@syncline/config';
import { MetricsRegistry } from '@syncline/observability';
import { RecordWriter } from '@syncline/record-writes';
import { CanonicalRecord, CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { createSourcePool, SourceRecordRepository } from '@syncline/source';
import { Pool } from 'pg';
import { ReadRecordsUseCase } from '../../../apps/cache-api/src/records/usecases/read-records.usecase';
import { WriteRecordUseCase } from '../../../apps/cache-api/src/records/usecases/write-record.usecase';
import { CacheApiMetrics } from '../../../apps/cache-api/src/services/cache-api.metrics';
import { testClients } from '../support/test-clients';
import { CdcApplier } from './read-cdc-applier';
import { removeKeys } from '../support/test-redis';

/**
 * The cache-api's read and write use cases in this process, on the stack's Postgres and a test
 * cache namespace, with CDC of one collection applied beside them (CdcApplier): the three write
 * paths of a WAL-position collection, racing for real.
 */
export async function raceRig(label: string, schema: string, table: string) {
  const t = testClients(label);
  const collections: CollectionRegistry = await t.collections();
  const collection: CollectionDefinition = collections.findByTable(schema, table)!;
  const sourcePool: Pool = createSourcePool(loadConfig(t.env).postgres, 16, label);
  const source = new SourceRecordRepository(sourcePool, collections);
  const metrics = new CacheApiMetrics(new MetricsRegistry(label));
  const reads = new ReadRecordsUseCase(t.cache, t.cache, source, metrics);
  const writes = new WriteRecordUseCase(new RecordWriter(collections, source, t.cache), metrics);
  const cdc = await CdcApplier.start(t.env, t.appEnv(), collections, collection, t.cache);

  /** Whether the cache holds exactly the row Postgres holds now (or both have none). */
  async function divergence(tenant: string, id: string): Promise<string | undefined> {
    const [inPostgres, cached] = await Promise.all([
      source.find(collection, tenant, id),
      t.cache.get({ tenant, entity: collection.name, id }),
    ]);
    const inCache: CanonicalRecord | undefined =
      cached && !cached.deleted ? cached.data : undefined;
    if (JSON.stringify(inCache) === JSON.stringify(inPostgres)) return undefined;
    return `${id}: cache v${cached?.version} ${JSON.stringify(inCache)} != postgres ${JSON.stringify(inPostgres)}`;
  }

  /** Runs `trials` trials, `parallel` at a time; returns the divergent ones' descriptions. */
  async function runTrials(
    trials: number,
    parallel: number,
    trial: (index: number) => Promise<string | undefined>,
  ): Promise<string[]> {
    const divergent: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < trials) {
          const outcome = await trial(next++);
          if (outcome) divergent.push(outcome);
        }
      }),
    );
    return divergent;
  }

  /** One committed SQL UPDATE from its own connection, held open for a round trip before COMMIT. */
  async function sqlUpdate(sql: string, params: unknown[]): Promise<void> {
    const client = await t.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql, params);
      await client.query('SELECT 1'); // the change is logged but not yet committed meanwhile
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }

  async function close(): Promise<void> {
    await cdc.stop();
    await sourcePool.end();
    await removeKeys(t.redis, `${t.keys.namespace}:*`);
    await t.close();
  }

  return {
    t,
    collections,
    collection,
    source,
    reads,
    writes,
    metrics,
    cdc,
    divergence,
    runTrials,
    sqlUpdate,
    close,
  };
}
