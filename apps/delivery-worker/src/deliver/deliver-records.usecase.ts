import { Logger } from '@nestjs/common';
import { CachedRecord, RecordCacheRepository, SharedRateLimiter } from '@syncline/cache';
import { CrmConnector, DeliveryException, ItemResult } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
} from '@syncline/control-plane';
import {
  DEAD_LETTER_HEADERS,
  RecordChangedNotice,
  recordChangedKey,
  TOPICS,
} from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import {
  EntityMapping,
  MappedRecord,
  MappingFailedException,
  decideSync,
  mapRecord,
  payloadHash,
  validateAgainstDestination,
} from '@syncline/mapping';
import { EntityRegistry } from '@syncline/records';
import { CircuitBreaker, RetryPolicy } from '@syncline/resilience';
import { SourceRecordRepository } from '@syncline/source';
import { Message } from 'kafkajs';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryOutcome, HoldReason } from '../types/delivery-outcome.type';
import { ConnectorPool } from './connector-pool.service';

/** One record's work for this batch: what to send, or why not. */
interface PlannedRecord {
  key: string;
  notice: RecordChangedNotice;
  mapping: EntityMapping;
  action: 'upsert' | 'archive';
  identity: string;
  mapped?: MappedRecord;
  hash?: string;
  version: number;
  attempts: number;
}

/** How long a batch may wait for a rate-limit slot before it is put back and retried later. */
const MAX_SLOT_WAIT_MS = 5000;

/**
 * Delivers one batch of a destination's queue, state-based (ARCHITECTURE.md invariant 4): many
 * notices of one record collapse into one send of its CURRENT state from the cache; an identical
 * payload to the last accepted one is not sent again; records go out in the CRM's batch calls
 * under the shared rate limit. Per-record rejections that are permanent go to the destination's
 * dead-letter topic; transient ones are retried, and if the destination stays unwell the batch is
 * put back (`hold`) so its offsets are not committed and nothing is lost.
 */
export class DeliverRecordsUseCase {
  private readonly logger = new Logger(DeliverRecordsUseCase.name);

  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly cache: RecordCacheRepository,
    private readonly source: SourceRecordRepository,
    private readonly entities: EntityRegistry,
    private readonly log: DeliveryLogRepository,
    private readonly connectors: ConnectorPool,
    private readonly limiter: SharedRateLimiter,
    private readonly producer: DurableKafkaProducer,
    private readonly topicPrefix: string,
    private readonly maxAttemptsInBatch: number,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly breakers = new Map<string, CircuitBreaker>(),
    private readonly retry = new RetryPolicy({ initialDelayMs: 200, maxDelayMs: 2000 }),
  ) {}

  breaker(destinationId: string): CircuitBreaker {
    let breaker = this.breakers.get(destinationId);
    if (!breaker) this.breakers.set(destinationId, (breaker = new CircuitBreaker()));
    return breaker;
  }

  async execute(
    destination: Destination,
    notices: RecordChangedNotice[],
  ): Promise<DeliveryOutcome> {
    const labels = { destination: destination.id, kind: destination.kind };
    const connector = await this.connectors.connectorFor(destination);
    const latest = coalesce(notices);
    const refs = [...latest.values()].map(({ tenant, entity, id }) => ({ tenant, entity, id }));
    const [states, history] = await Promise.all([
      this.currentStates(refs),
      this.log.latest(destination.id, refs),
    ]);

    const logEntries: DeliveryLogEntry[] = [];
    const deadLetters: {
      plan: Pick<PlannedRecord, 'notice' | 'key'> & { mappingVersion?: number };
      error: DeliveryException | MappingFailedException;
    }[] = [];
    const plans: PlannedRecord[] = [];
    for (const [key, notice] of latest) {
      const mapping = this.snapshot.mapping(destination.id, notice.tenant, notice.entity);
      if (!mapping) continue; // mapping removed since routing: nothing to deliver
      const state = states.get(key);
      const last = history.get(key);
      const previouslyDelivered = last
        ? last.status === 'delivered' && last.operation === 'upsert'
        : undefined;
      const decision =
        state && !state.deleted
          ? decideSync({
              rules: mapping.rules,
              operation: 'upsert',
              record: state.data,
              changedFields: notice.changed,
              previouslyDelivered,
            })
          : decideSync({ rules: mapping.rules, operation: 'delete', previouslyDelivered });
      const version = state?.version ?? notice.version;
      if (decision.action === 'skip') {
        this.metrics.records.inc({ ...labels, outcome: 'skipped' });
        continue;
      }
      try {
        if (decision.action === 'upsert' && state && !state.deleted) {
          const mapped = mapRecord(mapping, state.data);
          validateAgainstDestination(
            mapped,
            await this.connectors.properties(destination, connector, mapping.object),
          );
          const hash = payloadHash(mapped);
          if (
            last?.payloadHash === hash &&
            last.operation === 'upsert' &&
            last.status === 'delivered'
          ) {
            this.metrics.records.inc({ ...labels, outcome: 'unchanged' });
            continue;
          }
          plans.push({
            key,
            notice,
            mapping,
            action: 'upsert',
            identity: mapped.identity,
            mapped,
            hash,
            version,
            attempts: 0,
          });
        } else {
          const identity = mapping.identity.source === 'id' ? notice.id : last?.identity;
          if (!identity) continue; // never delivered under a known identity: nothing to archive
          if (last?.operation === 'archive' && last.status === 'delivered') continue;
          plans.push({ key, notice, mapping, action: 'archive', identity, version, attempts: 0 });
        }
      } catch (error) {
        if (!(error instanceof MappingFailedException)) throw error;
        deadLetters.push({ plan: { key, notice, mappingVersion: mapping.version }, error });
        logEntries.push(
          entry(
            destination,
            notice,
            version,
            'upsert',
            'dead_lettered',
            1,
            'permanent',
            error.message,
          ),
        );
      }
    }

    let outcome: DeliveryOutcome = { done: true };
    let pending = plans;
    while (pending.length > 0) {
      const retry: PlannedRecord[] = [];
      for (const group of groupCalls(pending, connector.maxBatchSize)) {
        const result = await this.call(destination, connector, group);
        if (result.kind === 'hold') {
          outcome = { done: false, holdMs: result.holdMs, reason: result.reason };
          break;
        }
        group.forEach((plan, index) => {
          const item = result.items[index];
          if (item.ok) {
            logEntries.push({
              ...entry(
                destination,
                plan.notice,
                plan.version,
                plan.action,
                'delivered',
                plan.attempts + 1,
              ),
              payloadHash: plan.action === 'upsert' ? (plan.hash ?? null) : 'archived',
              deliveredVersion: plan.version,
              identity: plan.identity,
              externalId: item.externalId ?? null,
            });
            this.metrics.records.inc({ ...labels, outcome: 'delivered' });
            this.metrics.latencySeconds.observe(
              { destination: destination.id },
              (Date.now() - plan.notice.observedAt) / 1000,
            );
          } else if (item.error.errorClass === 'permanent') {
            deadLetters.push({
              plan: { ...plan, mappingVersion: plan.mapping.version },
              error: item.error,
            });
            logEntries.push(
              entry(
                destination,
                plan.notice,
                plan.version,
                plan.action,
                'dead_lettered',
                plan.attempts + 1,
                'permanent',
                item.error.message,
              ),
            );
          } else {
            plan.attempts += 1;
            retry.push(plan);
          }
        });
      }
      if (!outcome.done) break;
      if (retry.length > 0 && retry[0].attempts >= this.maxAttemptsInBatch) {
        // Still failing after retries in this batch: back off the destination, redo later.
        outcome = {
          done: false,
          holdMs: this.retry.delayFor(retry[0].attempts),
          reason: 'transient',
        };
        for (const plan of retry)
          logEntries.push(
            entry(
              destination,
              plan.notice,
              plan.version,
              plan.action,
              'failed',
              plan.attempts,
              'transient',
              'transient item failure; retrying',
            ),
          );
        break;
      }
      if (retry.length > 0) {
        this.metrics.records.inc({ ...labels, outcome: 'retried' }, retry.length);
        await sleep(this.retry.delayFor(retry[0].attempts));
      }
      pending = retry;
    }

    // Dead letters and the log are written before the batch may be committed: nothing is dropped.
    await this.publishDeadLetters(destination, deadLetters);
    await this.log.record(logEntries);
    return outcome;
  }

  /** One CRM call under the rate limit and the circuit breaker. */
  private async call(
    destination: Destination,
    connector: CrmConnector,
    group: PlannedRecord[],
  ): Promise<
    { kind: 'items'; items: ItemResult[] } | { kind: 'hold'; holdMs: number; reason: HoldReason }
  > {
    const labels = { destination: destination.id, kind: destination.kind };
    const breaker = this.breaker(destination.id);
    const circuitWait = breaker.waitMs();
    this.metrics.circuitState.set(
      { destination: destination.id },
      { closed: 0, half_open: 1, open: 2 }[breaker.current],
    );
    if (circuitWait > 0) {
      this.metrics.throttled.inc({ destination: destination.id, reason: 'circuit' });
      return { kind: 'hold', holdMs: circuitWait, reason: 'circuit' };
    }
    const cost = connector.requestsPerCall?.[group[0].action] ?? 1;
    const slot = await this.limiter.acquire(
      destination.id,
      destination.rateLimit,
      MAX_SLOT_WAIT_MS,
      cost,
    );
    if (!slot.granted) {
      this.metrics.throttled.inc({ destination: destination.id, reason: slot.reason });
      return { kind: 'hold', holdMs: slot.waitMs, reason: 'rate_limited' };
    }
    this.metrics.rateLimitUtilisation.set(
      { destination: destination.id },
      slot.used / destination.rateLimit.requestsPerInterval,
    );
    const { mapping, action } = group[0];
    const operation = action;
    this.metrics.callSize.observe({ kind: destination.kind }, group.length);
    try {
      const items =
        action === 'upsert'
          ? await connector.upsert(
              mapping.object,
              mapping.identity.target,
              group.map((plan) => plan.mapped as MappedRecord),
            )
          : await connector.archive(
              mapping.object,
              mapping.identity.target,
              group.map((plan) => plan.identity),
            );
      breaker.recordSuccess();
      const byIdentity = new Map(items.map((item) => [item.identity, item]));
      const ordered = group.map(
        (plan) => byIdentity.get(plan.identity) ?? { identity: plan.identity, ok: true as const },
      );
      this.metrics.calls.inc({
        ...labels,
        operation,
        result: ordered.every((item) => item.ok) ? 'ok' : 'partial',
      });
      return { kind: 'items', items: ordered };
    } catch (error) {
      if (!(error instanceof DeliveryException)) throw error;
      this.metrics.calls.inc({ ...labels, operation, result: error.errorClass });
      if (error.errorClass === 'rate_limited') {
        // Every replica holds off for as long as the CRM asked (daily: until the allowance resets).
        const holdMs = error.details.retryAfterMs ?? destination.rateLimit.intervalMs;
        await this.limiter.holdOff(destination.id, holdMs);
        this.metrics.throttled.inc({
          destination: destination.id,
          reason: error.details.policy === 'daily' ? 'daily' : 'blocked',
        });
        return { kind: 'hold', holdMs, reason: 'rate_limited' };
      }
      if (error.errorClass === 'transient') {
        breaker.recordFailure();
        return {
          kind: 'items',
          items: group.map((plan) => ({ identity: plan.identity, ok: false as const, error })),
        };
      }
      // The whole call was rejected for good (e.g. a request the CRM can never accept): per record.
      return {
        kind: 'items',
        items: group.map((plan) => ({ identity: plan.identity, ok: false as const, error })),
      };
    }
  }

  /** Current states from the cache; a record the cache lacks is read from Postgres. */
  private async currentStates(
    refs: { tenant: string; entity: string; id: string }[],
  ): Promise<Map<string, CachedRecord>> {
    const cached = await this.cache.getMany(refs);
    const states = new Map<string, CachedRecord>();
    const missing: typeof refs = [];
    refs.forEach((ref, index) => {
      const record = cached[index];
      if (record) states.set(recordChangedKey(ref), record);
      else missing.push(ref);
    });
    for (const ref of missing) {
      const row = await this.source.find(
        this.entities.byEntityName(ref.entity),
        ref.tenant,
        ref.id,
      );
      if (row)
        states.set(recordChangedKey(ref), {
          ...ref,
          deleted: false,
          version: row.version as number,
          data: row,
        });
    }
    return states;
  }

  private async publishDeadLetters(
    destination: Destination,
    letters: {
      plan: Pick<PlannedRecord, 'notice' | 'key'> & { mappingVersion?: number };
      error: DeliveryException | MappingFailedException;
    }[],
  ): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = new Date().toISOString();
    const messages: Message[] = letters.map(({ plan, error }) => ({
      key: plan.key,
      value: JSON.stringify(plan.notice),
      headers: {
        [DEAD_LETTER_HEADERS.reason]:
          error instanceof DeliveryException ? (error.details.crmCode ?? error.code) : error.code,
        [DEAD_LETTER_HEADERS.errorClass]: 'permanent',
        [DEAD_LETTER_HEADERS.message]: error.message.slice(0, 2000),
        [DEAD_LETTER_HEADERS.destination]: destination.id,
        [DEAD_LETTER_HEADERS.mappingVersion]: String(plan.mappingVersion ?? ''),
        [DEAD_LETTER_HEADERS.stage]: 'delivery-worker',
        [DEAD_LETTER_HEADERS.failedAt]: failedAt,
      },
    }));
    const topic = TOPICS.deliveryDeadLetters(this.topicPrefix, destination.id);
    await this.producer.ensureTopics([{ topic, numPartitions: 1 }]);
    await this.producer.send(topic, messages);
    this.metrics.deadLetters.inc(
      { destination: destination.id, error_class: 'permanent' },
      letters.length,
    );
    this.metrics.records.inc(
      { destination: destination.id, kind: destination.kind, outcome: 'dead_lettered' },
      letters.length,
    );
    this.logger.warn(
      `dead-lettered ${letters.length} records for destination ${destination.id}: ${letters[0].error.message}`,
    );
  }
}

/** The latest notice per record (highest version; a delete wins a tie). */
function coalesce(notices: RecordChangedNotice[]): Map<string, RecordChangedNotice> {
  const latest = new Map<string, RecordChangedNotice>();
  for (const notice of notices) {
    const key = recordChangedKey(notice);
    const current = latest.get(key);
    const changed =
      current && (current.changed === undefined || notice.changed === undefined)
        ? undefined
        : [...new Set([...(current?.changed ?? []), ...(notice.changed ?? [])])];
    if (
      !current ||
      notice.version > current.version ||
      (notice.version === current.version && notice.op === 'delete')
    ) {
      latest.set(key, { ...notice, changed: current ? changed : notice.changed });
    } else {
      latest.set(key, { ...current, changed });
    }
  }
  return latest;
}

/** Calls of one kind (object, operation) of at most `max` records each. */
function groupCalls(plans: PlannedRecord[], max: number): PlannedRecord[][] {
  const groups = new Map<string, PlannedRecord[]>();
  for (const plan of plans) {
    const key = `${plan.mapping.object}\u0000${plan.mapping.identity.target}\u0000${plan.action}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const calls: PlannedRecord[][] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += max)
      calls.push(group.slice(start, start + max));
  }
  return calls;
}

function entry(
  destination: Destination,
  notice: RecordChangedNotice,
  version: number,
  operation: 'upsert' | 'archive',
  status: DeliveryLogEntry['status'],
  attempts: number,
  errorClass: string | null = null,
  error: string | null = null,
): DeliveryLogEntry {
  return {
    destinationId: destination.id,
    tenant: notice.tenant,
    entity: notice.entity,
    recordId: notice.id,
    version,
    operation,
    status,
    attempts,
    errorClass,
    error,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
