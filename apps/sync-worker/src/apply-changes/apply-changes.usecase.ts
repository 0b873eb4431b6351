import {
  CacheWrite,
  InvalidCacheKeyException,
  RecordCacheRepository,
  WriteOutcome,
} from '@syncline/cache';
import { DecodeFailure, RawMessage, RowChange, SourcePosition } from '@syncline/cdc';
import {
  DEAD_LETTER_HEADERS,
  encodeRecordChangedNotice,
  recordChangedKey,
  RecordChangedNotice,
} from '@syncline/events';
import { DurableKafkaProducer, KafkaBatch } from '@syncline/kafka';
import { SchemaViolationException } from '@syncline/records';
import { Logger } from '@nestjs/common';
import { Message } from 'kafkajs';
import { SyncWorkerMetrics } from '../services/sync-worker.metrics';
import { cacheKeyProblem } from './cache-key-problem.util';
import { DriftAwareDecoder } from './drift-aware-decoder';
import { MissingValueFiller } from './fill-missing-values';

export interface ApplyChangesTopics {
  recordChanged: string;
  deadLetters: string;
}

interface DeadLetter {
  source: SourcePosition;
  error: DecodeFailure | SchemaViolationException | InvalidCacheKeyException;
  message: RawMessage;
  op: string;
}

/**
 * Applies one partition batch of Debezium events of any collection: decode (following the catalog
 * when it moved on), complete rows the events do not carry whole, validate, coalesce per record,
 * write Redis through the version guard (one pipeline), then publish record-changed notices and
 * dead letters. It returns only when all of that is durable, so the transport may commit the
 * batch's offsets; any failure throws and the batch is retried whole (every step is idempotent).
 */
export class ApplyChangesUseCase {
  private readonly logger = new Logger(ApplyChangesUseCase.name);

  constructor(
    private readonly decoder: DriftAwareDecoder,
    private readonly filler: MissingValueFiller,
    private readonly cache: RecordCacheRepository,
    private readonly producer: DurableKafkaProducer,
    private readonly topics: ApplyChangesTopics,
    private readonly metrics: SyncWorkerMetrics,
  ) {}

  async execute(batch: KafkaBatch): Promise<void> {
    const receivedAt = Date.now();
    const stopTimer = this.metrics.batchSeconds.startTimer();
    const mark = this.decoder.mark();
    const deadLetters: DeadLetter[] = [];
    const notices: RecordChangedNotice[] = [];
    // Dead letters keep the original bytes, so a fixed event can be replayed as it was.
    const rawByOffset = new Map(batch.messages.map((message) => [message.offset, message]));
    const messageOf = (change: RowChange): RawMessage =>
      rawByOffset.get(change.source.offset) ?? { ...change.source, key: null, value: null };
    let segment: RowChange[] = [];

    const events = await this.decoder.decodeBatch(batch.messages, mark);
    for (const [index, event] of events.entries()) {
      switch (event.type) {
        case 'change':
          segment.push(event.change);
          break;
        case 'tombstone':
          this.metrics.events.inc({ op: 'tombstone', outcome: 'skipped' });
          break;
        case 'poison':
          deadLetters.push({
            source: event.source,
            error: event.error,
            message: batch.messages[index],
            op: 'unknown',
          });
          break;
        case 'truncate':
          // Changes before the truncate must land first, and none after it may be cleared.
          notices.push(
            ...(await this.applySegment(segment, deadLetters, messageOf, mark, receivedAt)),
          );
          segment = [];
          await this.cache.truncateEntity(event.collection.name, event.lsn);
          this.metrics.truncates.inc({ entity: event.collection.name });
          this.metrics.events.inc({ op: 't', outcome: 'applied' });
          break;
      }
    }
    notices.push(...(await this.applySegment(segment, deadLetters, messageOf, mark, receivedAt)));

    await Promise.all([this.publishNotices(notices), this.publishDeadLetters(deadLetters)]);
    this.metrics.batchSize.observe(batch.messages.length);
    stopTimer();
  }

  private async applySegment(
    changes: RowChange[],
    deadLetters: DeadLetter[],
    messageOf: (change: RowChange) => RawMessage,
    mark: number,
    receivedAt: number,
  ): Promise<RecordChangedNotice[]> {
    const deadLetter = (change: RowChange, error: DeadLetter['error']): void => {
      deadLetters.push({ source: change.source, error, message: messageOf(change), op: change.op });
    };
    // A tenant or id that cannot be a cache key fails every step after this one, deletes included:
    // dead-letter it, keep the partition flowing.
    changes = changes.filter((change) => {
      const problem = cacheKeyProblem(change);
      if (problem) deadLetter(change, problem);
      return !problem;
    });
    if (changes.length === 0) return [];
    const filled = await this.filler.fill(changes);
    const { valid, rejected } = await this.decoder.validate(filled, messageOf, mark);
    for (const { change, error } of rejected) deadLetter(change, error);

    // Coalesce: per record only the highest-ranked change is written (a delete outranks an upsert
    // of the same version). The version guard would discard the others anyway. The winner's
    // notice names every column changed by the changes it superseded: a trigger field changed by
    // an earlier one must still trigger delivery.
    const winners = new Map<string, RowChange>();
    const changedByKey = new Map<string, string[] | undefined>();
    for (const change of valid) {
      const key = recordKey(change);
      const current = winners.get(key);
      changedByKey.set(
        key,
        current
          ? mergeChanged(changedByKey.get(key), change.changedColumns)
          : change.changedColumns,
      );
      let superseded: RowChange | undefined = change;
      if (!current || outranks(change, current)) {
        superseded = current;
        winners.set(key, change);
      }
      if (superseded) this.metrics.events.inc({ op: superseded.op, outcome: 'stale' });
    }

    const writes = [...winners.values()];
    const outcomes = await this.cache.applyMany(writes.map(toCacheWrite));
    const notices: RecordChangedNotice[] = [];
    const observedAt = Date.now();
    writes.forEach((change, index) => {
      const outcome: WriteOutcome = outcomes[index];
      this.metrics.events.inc({ op: change.op, outcome });
      // Redeliveries (duplicate, stale) would count a change's latency twice, or for the wrong write.
      if (outcome === 'applied' && change.committedAtMs !== undefined) {
        this.metrics.commitToCacheSeconds.observe((observedAt - change.committedAtMs) / 1000);
      }
      // A duplicate may be a redelivery after a crash between the cache write and the notice:
      // notify again; delivery is idempotent.
      if (outcome === 'stale') return;
      notices.push({
        tenant: change.tenant,
        entity: change.collection.name,
        id: change.id,
        version: change.version,
        op: change.kind,
        changed: changedByKey.get(recordKey(change)),
        observedAt,
        trace: {
          committedAt: change.committedAtMs,
          emittedAt: change.emittedAtMs,
          appendedAt: change.appendedAtMs,
          receivedAt,
        },
      });
    });
    return notices;
  }

  private async publishNotices(notices: RecordChangedNotice[]): Promise<void> {
    const messages: Message[] = notices.map((notice) => ({
      key: recordChangedKey(notice),
      value: encodeRecordChangedNotice(notice),
    }));
    await this.producer.send(this.topics.recordChanged, messages);
  }

  private async publishDeadLetters(deadLetters: DeadLetter[]): Promise<void> {
    if (deadLetters.length === 0) return;
    // In source order, whichever step rejected them.
    deadLetters.sort((a, b) => Number(BigInt(a.source.offset) - BigInt(b.source.offset)));
    const failedAt = new Date().toISOString();
    const messages: Message[] = deadLetters.map(({ source, error, message }) => ({
      key: message.key,
      value: message.value,
      headers: {
        [DEAD_LETTER_HEADERS.reason]: error.code,
        [DEAD_LETTER_HEADERS.message]: error.message.slice(0, 2000),
        [DEAD_LETTER_HEADERS.sourceTopic]: source.topic,
        [DEAD_LETTER_HEADERS.sourcePartition]: String(source.partition),
        [DEAD_LETTER_HEADERS.sourceOffset]: source.offset,
        [DEAD_LETTER_HEADERS.failedAt]: failedAt,
        [DEAD_LETTER_HEADERS.stage]: 'sync-worker',
      },
    }));
    await this.producer.send(this.topics.deadLetters, messages);
    for (const { source, error, op } of deadLetters) {
      this.metrics.deadLetters.inc({ reason: error.code });
      this.metrics.events.inc({ op, outcome: 'dead_lettered' });
      this.logger.warn(
        `dead-lettered ${source.topic}[${source.partition}]@${source.offset}: ${error.code} ${error.message}`,
      );
    }
  }
}

/** One record's identity within a batch. */
function recordKey(change: RowChange): string {
  return `${change.tenant}\u0000${change.collection.name}\u0000${change.id}`;
}

/** Columns changed by either of two changes; unknown (`undefined`: any column) wins. */
function mergeChanged(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): string[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  return [...new Set([...a, ...b])];
}

/** Higher version wins; at equal versions a delete wins. */
function outranks(a: RowChange, b: RowChange): boolean {
  if (a.version !== b.version) return a.version > b.version;
  return a.kind === 'delete' && b.kind !== 'delete';
}

function toCacheWrite(change: RowChange): CacheWrite {
  const { tenant, collection, id, version, lsn } = change;
  if (change.kind === 'delete')
    return { tenant, entity: collection.name, id, kind: 'delete', version, lsn };
  const write: CacheWrite = {
    tenant,
    entity: collection.name,
    id,
    kind: 'upsert',
    version,
    data: change.row,
    lsn,
  };
  if (collection.ttlSeconds) write.ttlSeconds = collection.ttlSeconds;
  return write;
}
