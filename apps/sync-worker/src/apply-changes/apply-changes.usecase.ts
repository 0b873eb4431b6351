import { Logger } from '@nestjs/common';
import {
  CacheWrite,
  InvalidCacheKeyException,
  RecordCacheRepository,
  WriteOutcome,
} from '@syncline/cache';
import {
  DEBEZIUM_UNAVAILABLE_VALUE,
  RawMessage,
  DebeziumDecoder,
  DecodeFailure,
  RowChange,
  SourcePosition,
} from '@syncline/cdc';
import {
  DEAD_LETTER_HEADERS,
  encodeRecordChangedNotice,
  recordChangedKey,
  RecordChangedNotice,
} from '@syncline/events';
import { DurableKafkaProducer, KafkaBatch } from '@syncline/kafka';
import { EntityRegistry, SchemaViolationException, toCanonicalValue } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { Message } from 'kafkajs';
import { SyncWorkerMetrics } from '../services/sync-worker.metrics';
import { cacheKeyProblem } from './cache-key-problem.util';

export interface ApplyChangesTopics {
  recordChanged: string;
  deadLetters: string;
}

interface DeadLetter {
  source: SourcePosition;
  error: DecodeFailure | SchemaViolationException | InvalidCacheKeyException;
  message: KafkaBatch['messages'][number];
  op: string;
}

/**
 * Applies one partition batch of Debezium events: decode, fill unchanged TOAST columns, validate,
 * coalesce per record, write Redis through the version guard (one pipeline), then publish
 * record-changed notices and dead letters. It returns only when all of that is durable, so the
 * transport may commit the batch's offsets; any failure throws and the batch is retried whole
 * (every step is idempotent).
 */
export class ApplyChangesUseCase {
  private readonly logger = new Logger(ApplyChangesUseCase.name);

  constructor(
    private readonly decoder: DebeziumDecoder,
    private readonly entities: EntityRegistry,
    private readonly cache: RecordCacheRepository,
    private readonly source: SourceRecordRepository,
    private readonly producer: DurableKafkaProducer,
    private readonly topics: ApplyChangesTopics,
    private readonly metrics: SyncWorkerMetrics,
  ) {}

  async execute(batch: KafkaBatch): Promise<void> {
    const stopTimer = this.metrics.batchSeconds.startTimer();
    const deadLetters: DeadLetter[] = [];
    const notices: RecordChangedNotice[] = [];
    let segment: RowChange[] = [];
    // Dead letters keep the original bytes, so a fixed event can be replayed as it was.
    const rawByOffset = new Map(batch.messages.map((message) => [message.offset, message]));

    for (const message of batch.messages) {
      const event = this.decoder.decode(message);
      switch (event.type) {
        case 'change':
          segment.push(event.change);
          break;
        case 'tombstone':
          this.metrics.events.inc({ op: 'tombstone', outcome: 'skipped' });
          break;
        case 'poison':
          deadLetters.push({ source: event.source, error: event.error, message, op: 'unknown' });
          break;
        case 'truncate':
          // Changes before the truncate must land first, and none after it may be cleared.
          notices.push(...(await this.applySegment(segment, deadLetters, rawByOffset)));
          segment = [];
          await this.cache.truncateEntity(event.entity.name, event.lsn);
          this.metrics.truncates.inc({ entity: event.entity.name });
          this.metrics.events.inc({ op: 't', outcome: 'applied' });
          break;
      }
    }
    notices.push(...(await this.applySegment(segment, deadLetters, rawByOffset)));

    await Promise.all([this.publishNotices(notices), this.publishDeadLetters(deadLetters)]);
    this.metrics.batchSize.observe(batch.messages.length);
    this.metrics.consumerLag.set(
      { topic: batch.topic, partition: String(batch.partition) },
      batch.lag,
    );
    stopTimer();
  }

  private async applySegment(
    changes: RowChange[],
    deadLetters: DeadLetter[],
    rawByOffset: ReadonlyMap<string, RawMessage>,
  ): Promise<RecordChangedNotice[]> {
    // A tenant or id that cannot be a cache key fails every step after this one, deletes and TOAST
    // fills included (they are not schema-validated): dead-letter it, keep the partition flowing.
    changes = changes.filter((change) => {
      const problem = cacheKeyProblem(change);
      if (problem) deadLetters.push(this.deadLetter(change, problem, rawByOffset));
      return !problem;
    });
    if (changes.length === 0) return [];
    await this.fillUnavailableColumns(changes);

    // Coalesce: per record only the highest-ranked change is written (a delete outranks an upsert
    // of the same version). The version guard would discard the others anyway. The winner's
    // notice names every column changed by the changes it superseded: a trigger field changed by
    // an earlier one must still trigger delivery.
    const winners = new Map<string, RowChange>();
    const changedByKey = new Map<string, string[] | undefined>();
    const superseded: RowChange[] = [];
    for (const change of changes) {
      if (change.kind === 'upsert') {
        try {
          this.entities.validate(change.entity, change.row);
        } catch (error) {
          if (!(error instanceof SchemaViolationException)) throw error;
          deadLetters.push(this.deadLetter(change, error, rawByOffset));
          continue;
        }
      }
      const key = recordKey(change);
      const current = winners.get(key);
      changedByKey.set(
        key,
        current
          ? mergeChanged(changedByKey.get(key), change.changedColumns)
          : change.changedColumns,
      );
      if (!current || outranks(change, current)) {
        if (current) superseded.push(current);
        winners.set(key, change);
      } else {
        superseded.push(change);
      }
    }
    for (const change of superseded) this.metrics.events.inc({ op: change.op, outcome: 'stale' });

    const writes = [...winners.values()];
    const outcomes = await this.cache.applyMany(writes.map(toCacheWrite));
    const notices: RecordChangedNotice[] = [];
    const observedAt = Date.now();
    writes.forEach((change, index) => {
      const outcome: WriteOutcome = outcomes[index];
      this.metrics.events.inc({ op: change.op, outcome });
      // A duplicate may be a redelivery after a crash between the cache write and the notice:
      // notify again; delivery is idempotent.
      if (outcome === 'stale') return;
      notices.push({
        tenant: change.tenant,
        entity: change.entity.name,
        id: change.id,
        version: change.version,
        op: change.kind,
        changed: changedByKey.get(recordKey(change)),
        observedAt,
      });
    });
    return notices;
  }

  private deadLetter(
    change: RowChange,
    error: DeadLetter['error'],
    rawByOffset: ReadonlyMap<string, RawMessage>,
  ): DeadLetter {
    return {
      source: change.source,
      error,
      message: rawByOffset.get(change.source.offset) ?? {
        ...change.source,
        key: null,
        value: null,
      },
      op: change.op,
    };
  }

  /**
   * Debezium sends `__debezium_unavailable_value` for an unchanged TOASTed column. The value is, in
   * order of preference: in the event's own before image (REPLICA IDENTITY FULL), in an earlier
   * change of the same record in this batch, in the cache, or, failing all, reloaded from Postgres.
   */
  private async fillUnavailableColumns(changes: RowChange[]): Promise<void> {
    const lastSeen = new Map<string, RowChange>();
    const needCache: RowChange[] = [];
    for (const change of changes) {
      const key = recordKey(change);
      const previous = lastSeen.get(key);
      change.unavailableColumns = change.unavailableColumns.filter((column) => {
        const fromBefore = change.before?.[column];
        if (fromBefore !== undefined && fromBefore !== DEBEZIUM_UNAVAILABLE_VALUE) {
          const kind = change.entity.columns[column].kind;
          change.row[column] = toCanonicalValue(kind, fromBefore);
          this.metrics.toastFills.inc({ source: 'before' });
          return false;
        }
        if (previous && previous.kind === 'upsert' && column in previous.row) {
          change.row[column] = previous.row[column];
          this.metrics.toastFills.inc({ source: 'batch' });
          return false;
        }
        return true;
      });
      if (change.unavailableColumns.length > 0) needCache.push(change);
      lastSeen.set(key, change);
    }
    if (needCache.length === 0) return;

    const cached = await this.cache.getMany(
      needCache.map(({ tenant, entity, id }) => ({ tenant, entity: entity.name, id })),
    );
    for (const [index, change] of needCache.entries()) {
      const record = cached[index];
      if (!record || record.deleted) continue;
      change.unavailableColumns = change.unavailableColumns.filter((column) => {
        if (!(column in record.data)) return true;
        change.row[column] = record.data[column];
        this.metrics.toastFills.inc({ source: 'cache' });
        return false;
      });
    }
    for (const change of needCache.filter((c) => c.unavailableColumns.length > 0)) {
      const row = await this.source.find(change.entity, change.tenant, change.id);
      this.metrics.toastFills.inc({ source: 'postgres' }, change.unavailableColumns.length);
      if (!row) {
        // Deleted since: its delete event follows on this partition; nothing true to write now.
        change.kind = 'delete';
        this.logger.debug(
          `TOAST reload found no row for ${change.entity.name} ${change.id}; awaiting its delete`,
        );
        change.version = 0;
        continue;
      }
      // Postgres holds this version or a newer one: write what it has, at its version.
      Object.assign(change.row, row);
      change.version = Math.max(change.version, row.version as number);
      change.unavailableColumns = [];
    }
    // Changes whose row vanished carry version 0 and are dropped here.
    changes.splice(0, changes.length, ...changes.filter((change) => change.version > 0));
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
  return `${change.tenant}\u0000${change.entity.name}\u0000${change.id}`;
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
  const ref = { tenant: change.tenant, entity: change.entity.name, id: change.id };
  return change.kind === 'delete'
    ? { ...ref, kind: 'delete', version: change.version, lsn: change.lsn }
    : { ...ref, kind: 'upsert', version: change.version, data: change.row, lsn: change.lsn };
}
