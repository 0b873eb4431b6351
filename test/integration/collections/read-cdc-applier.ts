import { RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry, recordIdOf } from '@syncline/records';
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';

interface Envelope {
  op: 'c' | 'u' | 'd' | 'r' | 't';
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  source: { lsn?: number };
}

interface EventAt {
  partition: number;
  offset: bigint;
}

/**
 * CDC of one collection beside the race tests, from the real Debezium topic, in one of two modes:
 * - `applier` (default): applies each event to the test's cache itself, the CDC rule of the
 *   version design (version = the change's `source.lsn` for a WAL-position collection, the
 *   version column otherwise; the TRUNCATE rule by the same LSN), without a sync-worker build;
 * - `sync-worker` (SYNCLINE_RACE_CDC=sync-worker): runs the real sync-worker on the test's cache
 *   namespace with its own consumer group, and only watches the topic.
 * Either way it notes each record's events; `waitForEvents` is the tests' signal that CDC has
 * applied every change they made to a row (applier: counted after the cache write; sync-worker:
 * the group committed past the row's last event, which it does only after the cache write).
 */
export class CdcApplier {
  private readonly events = new Map<string, EventAt[]>();
  private readonly applied = new Map<string, number>();
  /** Events the version guard refused (applier mode): the cache already held a newer state. */
  staleEvents = 0;
  private readonly consumer: Consumer;
  private failure: unknown;

  private constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly collections: CollectionRegistry,
    private readonly collection: CollectionDefinition,
    private readonly cache: RecordCacheRepository,
    private readonly worker?: { app: AppProcess; groupId: string; admin: Admin },
  ) {
    this.consumer = kafka.consumer({ groupId: `test-cdc-${randomUUID()}`, maxWaitTimeInMs: 20 });
  }

  get mode(): string {
    return this.worker ? 'sync-worker' : 'applier';
  }

  static async start(
    env: Record<string, string>,
    appEnv: Record<string, string>,
    collections: CollectionRegistry,
    collection: CollectionDefinition,
    cache: RecordCacheRepository,
  ): Promise<CdcApplier> {
    const brokers = env.SYNCLINE_KAFKA_BROKERS.split(',');
    const prefix = env.SYNCLINE_TOPIC_PREFIX ?? 'syncline';
    const topic = `${prefix}.${collection.schema}.${collection.table}`;
    const kafka = new Kafka({ clientId: 'test-cdc', brokers, logLevel: logLevel.NOTHING });
    let worker: { app: AppProcess; groupId: string; admin: Admin } | undefined;
    if (env.SYNCLINE_RACE_CDC === 'sync-worker') {
      const groupId = appEnv.SYNCLINE_SYNC_GROUP_ID;
      // A fresh group starts at the end of the topics: this file's changes, not the stack's history.
      await startGroupsAtEnd(brokers, [{ groupId, topics: [new RegExp(`^${prefix}\\.`)] }]);
      const app = AppProcess.start('sync-worker', { ...appEnv, SYNCLINE_OPS_PORT: '0' });
      await app.waitForOutput('ops endpoints on');
      const admin = kafka.admin();
      await admin.connect();
      worker = { app, groupId, admin };
    }
    const cdc = new CdcApplier(kafka, topic, collections, collection, cache, worker);
    await cdc.consumer.connect();
    await cdc.consumer.subscribe({ topics: [topic], fromBeginning: !worker });
    await cdc.consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (message.value === null) return; // Kafka tombstone after a delete
        let event: Envelope;
        try {
          event = JSON.parse(message.value.toString('utf8')) as Envelope;
        } catch {
          return; // another file's poison marker: no change event (the sync-worker dead-letters it)
        }
        try {
          await cdc.take(event, { partition, offset: BigInt(message.offset) });
        } catch (error) {
          cdc.failure ??= error;
        }
      },
    });
    return cdc;
  }

  /** Waits until CDC has applied `count` change events of record `id` to the cache. */
  async waitForEvents(id: string, count: number, timeoutMs = 30_000): Promise<void> {
    const last = await expectEventually(
      () => {
        if (this.failure) throw new Error('reading a CDC event failed', { cause: this.failure });
        const seen = this.events.get(id) ?? [];
        const done = this.worker ? seen.length : (this.applied.get(id) ?? 0);
        if (done < count) throw new Error(`CDC took ${done} of ${count} events of ${id}`);
        return seen[seen.length - 1];
      },
      { timeoutMs, intervalMs: 10 },
    );
    const worker = this.worker;
    if (!worker) return;
    await expectEventually(
      async () => {
        if (!worker.app.running)
          throw new Error(`sync-worker exited:\n${worker.app.output.slice(-2000)}`);
        const [offsets] = await worker.admin.fetchOffsets({
          groupId: worker.groupId,
          topics: [this.topic],
        });
        const committed = offsets.partitions.find((p) => p.partition === last.partition)?.offset;
        if (committed === undefined || BigInt(committed) <= last.offset)
          throw new Error(
            `sync group at ${committed} on ${this.topic}/${last.partition}, event at ${last.offset}`,
          );
      },
      { timeoutMs, intervalMs: 20 },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    if (this.worker) {
      await this.worker.admin.disconnect();
      await this.worker.app.stop();
    }
  }

  private async take(event: Envelope, at: EventAt): Promise<void> {
    const lsn = typeof event.source.lsn === 'number' ? event.source.lsn : 0;
    if (event.op === 't') {
      if (!this.worker) await this.cache.truncateEntity(this.collection.name, lsn);
      return;
    }
    const image = event.op === 'd' ? event.before : event.after;
    if (!image) return;
    const row = this.collections.canonicalize(this.collection, image);
    const id = recordIdOf(this.collection, row);
    this.events.set(id, [...(this.events.get(id) ?? []), at]);
    if (this.worker) return;
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
