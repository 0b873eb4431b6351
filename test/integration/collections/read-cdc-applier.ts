import { RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry, recordIdOf } from '@syncline/records';
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { expectEventually } from '../support/expect-eventually';

interface Envelope {
  op: 'c' | 'u' | 'd' | 'r' | 't';
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  source: { lsn?: number };
}

/**
 * The CDC write path of the version design, applied from the real Debezium topic of one
 * collection into a test's cache: version = the change's `source.lsn` for a WAL-position
 * collection (the version column otherwise), the TRUNCATE rule by the same LSN. The race tests
 * run it beside the write-through and lazy-load code under test, so they do not depend on a
 * sync-worker build; it counts the events it applied per record id, which is the tests' signal
 * that CDC has caught up with every change they made to a row.
 */
export class CdcApplier {
  private readonly applied = new Map<string, number>();
  /** Events the version guard refused: the cache already held a newer state. */
  staleEvents = 0;
  private readonly consumer: Consumer;
  private failure: unknown;

  private constructor(
    kafka: Kafka,
    private readonly collections: CollectionRegistry,
    private readonly collection: CollectionDefinition,
    private readonly cache: RecordCacheRepository,
  ) {
    this.consumer = kafka.consumer({ groupId: `test-cdc-${randomUUID()}`, maxWaitTimeInMs: 20 });
  }

  static async start(
    brokers: string[],
    topic: string,
    collections: CollectionRegistry,
    collection: CollectionDefinition,
    cache: RecordCacheRepository,
  ): Promise<CdcApplier> {
    const kafka = new Kafka({ clientId: 'test-cdc', brokers, logLevel: logLevel.NOTHING });
    const applier = new CdcApplier(kafka, collections, collection, cache);
    await applier.consumer.connect();
    await applier.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await applier.consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value === null) return; // Kafka tombstone after a delete
        try {
          await applier.apply(JSON.parse(message.value.toString('utf8')) as Envelope);
        } catch (error) {
          applier.failure ??= error;
        }
      },
    });
    return applier;
  }

  /** Waits until `count` change events of record `id` have been applied to the cache. */
  async waitForEvents(id: string, count: number, timeoutMs = 30_000): Promise<void> {
    await expectEventually(
      () => {
        if (this.failure) throw new Error('applying a CDC event failed', { cause: this.failure });
        const seen = this.applied.get(id) ?? 0;
        if (seen < count) throw new Error(`CDC applied ${seen} of ${count} events of ${id}`);
      },
      { timeoutMs, intervalMs: 10 },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async apply(event: Envelope): Promise<void> {
    const lsn = typeof event.source.lsn === 'number' ? event.source.lsn : 0;
    if (event.op === 't') {
      await this.cache.truncateEntity(this.collection.name, lsn);
      return;
    }
    const image = event.op === 'd' ? event.before : event.after;
    if (!image) return;
    const row = this.collections.canonicalize(this.collection, image);
    const id = recordIdOf(this.collection, row);
    const tenant = this.collections.tenantOf(this.collection, row) ?? '';
    const version = this.collections.versionOf(this.collection, row) ?? lsn;
    const ref = { tenant, entity: this.collection.name, id };
    const outcome = await this.cache.apply(
      event.op === 'd'
        ? { ...ref, kind: 'delete', version, lsn }
        : { ...ref, kind: 'upsert', version, data: row, lsn },
    );
    if (outcome === 'stale') this.staleEvents++;
    this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
  }
}
