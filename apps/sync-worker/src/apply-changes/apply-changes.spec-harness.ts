import {
  CacheKeyBuilder,
  CacheWrite,
  CachedRecord,
  RecordCacheRepository,
  RecordRef,
  WriteOutcome,
} from '@syncline/cache';
import { DebeziumDecoder, RawMessage } from '@syncline/cdc';
import { RecordChangedNotice } from '@syncline/events';
import { DurableKafkaProducer, KafkaBatch } from '@syncline/kafka';
import { MetricsRegistry } from '@syncline/observability';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Message } from 'kafkajs';
import { CollectionRefresher } from '../services/collection-refresher';
import { CurrentRow, SourceRowReader } from '../services/source-row.reader';
import { SyncWorkerMetrics } from '../services/sync-worker.metrics';
import { ApplyChangesUseCase } from './apply-changes.usecase';
import { DriftAwareDecoder } from './drift-aware-decoder';
import { MissingValueFiller } from './fill-missing-values';

/**
 * A registry whose catalog can be changed under it, as ALTER TABLE does: `reload()` installs the
 * definitions `catalog` holds then (spec helper).
 */
export function driftingRegistry(initial: CollectionDefinition[]) {
  let current = CollectionRegistry.of(initial);
  const state = { catalog: initial, reloads: 0 };
  const registry = new Proxy({} as CollectionRegistry, {
    get: (_target, property: keyof CollectionRegistry) => {
      if (property === 'reload')
        return async () => {
          state.reloads += 1;
          const changed = JSON.stringify(state.catalog) !== JSON.stringify(current.collections);
          if (changed) current = CollectionRegistry.of(state.catalog);
          return changed;
        };
      const value: unknown = Reflect.get(current, property);
      return typeof value === 'function'
        ? (...args: unknown[]): unknown => Reflect.apply(value, current, args)
        : value;
    },
  });
  return { registry, state };
}

let offset = 0;

/** A batch of Debezium event values on one partition (with Kafka's record timestamp, if given). */
export function batchOf(
  values: (Record<string, unknown> | null)[],
  timestamp?: number,
): KafkaBatch {
  const topic = 'syncline.inventory.stock_levels';
  const messages: RawMessage[] = values.map((value) => ({
    topic,
    partition: 0,
    offset: String(offset++),
    key: null,
    value: value === null ? null : Buffer.from(JSON.stringify(value)),
    ...(timestamp === undefined ? {} : { timestamp }),
  }));
  return { topic, partition: 0, messages, lag: 0 };
}

export function harness(registry: CollectionRegistry, rows: Map<string, CurrentRow> = new Map()) {
  const keys = new CacheKeyBuilder('spec');
  const stored = new Map<string, CachedRecord>();
  const writes: CacheWrite[] = [];
  const truncates: [string, number][] = [];
  const sent: { topic: string; messages: Message[] }[] = [];
  const cache = {
    applyMany: async (batch: CacheWrite[]): Promise<WriteOutcome[]> =>
      batch.map((write) => {
        writes.push(write);
        const key = keys.record(write);
        const current = stored.get(key);
        if (current && current.version >= write.version) return 'stale';
        stored.set(
          key,
          write.kind === 'delete'
            ? { ...write, deleted: true }
            : { ...write, deleted: false, data: write.data },
        );
        return 'applied';
      }),
    getMany: async (refs: RecordRef[]) => refs.map((ref) => stored.get(keys.record(ref))),
    truncateEntity: async (entity: string, lsn: number) => {
      truncates.push([entity, lsn]);
      return 0;
    },
  } as unknown as RecordCacheRepository;
  const reader = {
    read: async (collection: CollectionDefinition, tenant: string, id: string) =>
      rows.get(`${collection.name}/${tenant}/${id}`),
  } as unknown as SourceRowReader;
  const producer = {
    send: async (to: string, messages: Message[]) => {
      sent.push({ topic: to, messages });
    },
  } as unknown as DurableKafkaProducer;
  const metrics = new SyncWorkerMetrics(new MetricsRegistry('sync-worker-spec'));
  const filler = new MissingValueFiller(cache, reader, metrics);
  const refresher = new CollectionRefresher(registry);
  const decoder = new DriftAwareDecoder(new DebeziumDecoder(registry), registry, refresher, filler);
  const useCase = new ApplyChangesUseCase(
    decoder,
    filler,
    cache,
    producer,
    { recordChanged: 'notices', deadLetters: 'cdc-dlq' },
    metrics,
  );
  const notices = () =>
    sent
      .filter((s) => s.topic === 'notices')
      .flatMap((s) => s.messages)
      .map((m) => JSON.parse(String(m.value)) as RecordChangedNotice);
  const deadLetters = () => sent.filter((s) => s.topic === 'cdc-dlq').flatMap((s) => s.messages);
  const record = (ref: RecordRef) => stored.get(keys.record(ref));
  return { useCase, writes, truncates, notices, deadLetters, record, metrics };
}
