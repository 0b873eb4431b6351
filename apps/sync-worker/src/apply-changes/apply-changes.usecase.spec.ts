import {
  CacheKeyBuilder,
  CacheWrite,
  CachedRecord,
  RecordCacheRepository,
  RecordRef,
  WriteOutcome,
} from '@syncline/cache';
import { DebeziumDecoder, DecodedEvent, RawMessage, RowChange } from '@syncline/cdc';
import { DEAD_LETTER_HEADERS, RecordChangedNotice } from '@syncline/events';
import { DurableKafkaProducer, KafkaBatch } from '@syncline/kafka';
import { MetricsRegistry } from '@syncline/observability';
import { EntityDefinition, EntityRegistry } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { Message } from 'kafkajs';
import { SyncWorkerMetrics } from '../services/sync-worker.metrics';
import { ApplyChangesUseCase } from './apply-changes.usecase';

const entity: EntityDefinition = {
  name: 'contact',
  table: 'contacts',
  columns: {
    id: { kind: 'uuid' },
    tenant_id: { kind: 'text' },
    email: { kind: 'text' },
    notes: { kind: 'text' },
    version: { kind: 'bigint' },
  },
} as unknown as EntityDefinition;

const topic = 'syncline.public.contacts';
let offset = 0;

/** A batch whose messages decode to these events (the decoder is not what is under test). */
function batchOf(changes: Partial<RowChange>[]): {
  batch: KafkaBatch;
  events: Map<string, DecodedEvent>;
} {
  const events = new Map<string, DecodedEvent>();
  const messages: RawMessage[] = changes.map((partial) => {
    const source = { topic, partition: 0, offset: String(offset++) };
    const change: RowChange = {
      kind: 'upsert',
      op: 'u',
      entity,
      tenant: 'acme',
      id: 'r-1',
      version: 1,
      row: {},
      before: null,
      unavailableColumns: [],
      lsn: 1,
      source,
      ...partial,
    };
    change.row = {
      id: change.id,
      tenant_id: change.tenant,
      version: change.version,
      ...change.row,
    };
    events.set(source.offset, { type: 'change', change });
    return { ...source, key: Buffer.from(change.id), value: Buffer.from(`event ${source.offset}`) };
  });
  return { batch: { topic, partition: 0, messages, lag: 0 }, events };
}

function harness(events: () => Map<string, DecodedEvent>) {
  const keys = new CacheKeyBuilder('spec');
  const stored = new Map<string, CachedRecord>();
  const sent: { topic: string; messages: Message[] }[] = [];
  const decoder = {
    decode: (message: RawMessage) => events().get(message.offset)!,
  } as unknown as DebeziumDecoder;
  const entities = { validate: () => undefined } as unknown as EntityRegistry;
  // Like the real repository, every key goes through the key builder (which refuses bad parts).
  const cache = {
    applyMany: async (writes: CacheWrite[]): Promise<WriteOutcome[]> =>
      writes.map((write) => {
        const key = keys.record(write);
        stored.set(
          key,
          write.kind === 'delete'
            ? { ...write, deleted: true }
            : { ...write, deleted: false, data: write.data },
        );
        return 'applied';
      }),
    getMany: async (refs: RecordRef[]) => refs.map((ref) => stored.get(keys.record(ref))),
    truncateEntity: async () => undefined,
  } as unknown as RecordCacheRepository;
  const source = { find: async () => undefined } as unknown as SourceRecordRepository;
  const producer = {
    send: async (to: string, messages: Message[]) => {
      sent.push({ topic: to, messages });
    },
  } as unknown as DurableKafkaProducer;
  const useCase = new ApplyChangesUseCase(
    decoder,
    entities,
    cache,
    source,
    producer,
    { recordChanged: 'notices', deadLetters: 'cdc-dlq' },
    new SyncWorkerMetrics(new MetricsRegistry('sync-worker-spec')),
  );
  const notices = () =>
    sent
      .filter((s) => s.topic === 'notices')
      .flatMap((s) => s.messages)
      .map((m) => JSON.parse(String(m.value)) as RecordChangedNotice);
  const deadLetters = () => sent.filter((s) => s.topic === 'cdc-dlq').flatMap((s) => s.messages);
  return { useCase, stored, keys, notices, deadLetters };
}

describe(ApplyChangesUseCase.name, () => {
  describe('coalescing keeps what changed', () => {
    it('merges the changed columns of the updates a later one of the same record supersedes', async () => {
      const { batch, events } = batchOf([
        { version: 2, row: { email: 'new@example.com' }, changedColumns: ['email'] },
        { version: 3, row: { email: 'new@example.com', notes: 'x' }, changedColumns: ['notes'] },
      ]);
      const h = harness(() => events);
      await h.useCase.execute(batch);
      expect(h.notices()).toEqual([
        expect.objectContaining({ id: 'r-1', version: 3, op: 'upsert' }),
      ]);
      expect([...(h.notices()[0].changed ?? [])].sort()).toEqual(['email', 'notes']);
    });

    it('says "unknown" when any superseded change did not know what changed', async () => {
      const { batch, events } = batchOf([
        { version: 2, op: 'c', changedColumns: undefined },
        { version: 3, changedColumns: ['notes'] },
      ]);
      const h = harness(() => events);
      await h.useCase.execute(batch);
      expect(h.notices()).toHaveLength(1);
      expect(h.notices()[0].changed).toBeUndefined();
    });

    it('keeps the columns of a record alone in its batch as they were', async () => {
      const { batch, events } = batchOf([{ version: 2, changedColumns: ['email'] }]);
      const h = harness(() => events);
      await h.useCase.execute(batch);
      expect(h.notices()[0].changed).toEqual(['email']);
    });
  });

  describe('a change whose tenant or id cannot be a cache key', () => {
    it('dead-letters a delete with its reason and applies the rest of the batch', async () => {
      const { batch, events } = batchOf([
        { id: 'r-1', version: 2 },
        { kind: 'delete', op: 'd', tenant: 'bad tenant', id: 'r-2', version: 3 },
        { id: 'r-3', version: 4 },
      ]);
      const h = harness(() => events);
      await h.useCase.execute(batch);
      expect(h.notices().map((n) => n.id)).toEqual(['r-1', 'r-3']);
      const [letter] = h.deadLetters();
      expect(h.deadLetters()).toHaveLength(1);
      expect(letter.headers?.[DEAD_LETTER_HEADERS.reason]).toBe('INVALID_CACHE_KEY');
      expect(String(letter.headers?.[DEAD_LETTER_HEADERS.message])).toContain('bad tenant');
      expect(letter.headers?.[DEAD_LETTER_HEADERS.sourceOffset]).toBe(batch.messages[1].offset);
      expect(String(letter.value)).toBe(String(batch.messages[1].value)); // original bytes, replayable
    });

    it('dead-letters an update whose TOASTed column must be filled from the cache', async () => {
      const { batch, events } = batchOf([
        { id: 'bad:id', version: 2, unavailableColumns: ['notes'] },
        { id: 'r-3', version: 4 },
      ]);
      const h = harness(() => events);
      await h.useCase.execute(batch);
      expect(h.notices().map((n) => n.id)).toEqual(['r-3']);
      expect(h.deadLetters()).toHaveLength(1);
      expect(h.deadLetters()[0].headers?.[DEAD_LETTER_HEADERS.reason]).toBe('INVALID_CACHE_KEY');
    });
  });
});
