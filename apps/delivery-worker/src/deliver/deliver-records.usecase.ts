import { CachedRecord, RecordCacheRepository, SharedRateLimiter } from '@syncline/cache';
import { CrmConnector } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
  RemoteRecordRepository,
  RemoteRecordState,
} from '@syncline/control-plane';
import { RecordChangedNotice, recordChangedKey } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import {
  CollectionDefinition,
  CollectionRegistry,
  InvalidRecordIdException,
} from '@syncline/records';
import { CircuitBreaker, RetryPolicy } from '@syncline/resilience';
import { TroubleReporter } from '../notify/trouble-reporter.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryDeadLetter } from '../types/delivery-dead-letter.type';
import { DeliveryOutcome } from '../types/delivery-outcome.type';
import { DeliveryProgress } from '../types/delivery-progress.type';
import { PlannedRecord } from '../types/planned-record.type';
import { coalesceNotices } from './coalesce-notices.util';
import { ConnectorPool } from './connector-pool.service';
import { CrmCaller } from './crm-caller.service';
import { DeliveryKeepalive } from './delivery-keepalive.service';
import { deliveryLogEntry } from './delivery-log-entry.util';
import { DeliveryPlanner } from './delivery-planner.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { ARCHIVED_PAYLOAD } from './destination-holds-record.util';
import { groupCalls } from './group-calls.util';
import { SourceStateReader } from './source-state.reader';

/** What the batch learned so far: written to the log (and dead-letter topic) before any commit. */
interface BatchReport {
  logEntries: DeliveryLogEntry[];
  deadLetters: DeliveryDeadLetter[];
  /** Accepted upserts of two-way mappings: what the destination holds now. */
  sent: PlannedRecord[];
}

/**
 * An inbound change older than this that is still not in the source is taken as abandoned (its
 * worker died and nothing retried it): deliveries of the record stop waiting for it.
 */
const INBOUND_PENDING_EXPIRY_MS = 60_000;
const INBOUND_PENDING_HOLD_MS = 250;

/**
 * Delivers one batch of a destination's queue, state-based (ARCHITECTURE.md invariant 4): many
 * notices of one record collapse into one send of its CURRENT state from the cache; an identical
 * payload to the last accepted one is not sent again; records go out in the CRM's batch calls
 * under the shared rate limit and the destination's circuit breaker. Per-record rejections that
 * are permanent go to the destination's dead-letter topic; transient ones are retried, and if the
 * destination stays unwell the batch is put back (`hold`) so its offsets are not committed and
 * nothing is lost. With `progress`, a long batch keeps its Kafka membership and stops before its
 * next call once its partition was revoked.
 *
 * Steps: plan (DeliveryPlanner), call (CrmCaller), record (DeliveryRecorder).
 */
export class DeliverRecordsUseCase {
  private readonly planner: DeliveryPlanner;
  private readonly caller: CrmCaller;
  private readonly recorder: DeliveryRecorder;

  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly cache: RecordCacheRepository,
    private readonly collections: CollectionRegistry,
    private readonly source: SourceStateReader,
    private readonly log: DeliveryLogRepository,
    private readonly remote: RemoteRecordRepository,
    private readonly connectors: ConnectorPool,
    limiter: SharedRateLimiter,
    producer: DurableKafkaProducer,
    topicPrefix: string,
    private readonly maxAttemptsInBatch: number,
    private readonly metrics: DeliveryWorkerMetrics,
    trouble: TroubleReporter,
    breakers = new Map<string, CircuitBreaker>(),
    private readonly retry = new RetryPolicy({ initialDelayMs: 200, maxDelayMs: 2000 }),
  ) {
    this.planner = new DeliveryPlanner(snapshot, connectors, metrics);
    this.caller = new CrmCaller(limiter, metrics, breakers);
    this.recorder = new DeliveryRecorder(log, remote, producer, topicPrefix, metrics, trouble);
  }

  async execute(
    destination: Destination,
    notices: RecordChangedNotice[],
    progress?: DeliveryProgress,
  ): Promise<DeliveryOutcome> {
    const connector = await this.connectors.connectorFor(destination);
    const latest = coalesceNotices(notices);
    const refs = [...latest.values()].map(({ tenant, entity, id, version }) => ({
      tenant,
      entity,
      id,
      version,
    }));
    const collections = await this.collectionsOf(refs);
    const unreadable = new Map<string, string>();
    const [states, history, remote] = await Promise.all([
      this.currentStates(refs, collections, unreadable),
      this.log.latest(destination.id, refs),
      this.remoteStates(destination, refs),
    ]);
    // The row does not hold an inbound change of this destination yet: its own CDC notice comes.
    if ([...remote.values()].some(inboundInFlight)) {
      return { done: false, holdMs: INBOUND_PENDING_HOLD_MS, reason: 'inbound_pending' };
    }

    const plan = await this.planner.plan(destination, connector, latest, {
      states,
      history,
      remote,
      collections,
      unreadable,
    });
    if (!plan) return { done: false, holdMs: 1000, reason: 'control_plane' };
    const report: BatchReport = {
      logEntries: plan.logEntries,
      deadLetters: plan.deadLetters,
      sent: [],
    };
    const keepalive = new DeliveryKeepalive(progress);
    const outcome = await this.send(destination, connector, plan.plans, report, keepalive);

    // Dead letters and the log are written before the batch may be committed: nothing is dropped.
    await this.recorder.record(destination, report.deadLetters, report.logEntries, report.sent);
    return outcome;
  }

  /** What the destination is known to hold, for the records of its two-way mappings. */
  private async remoteStates(
    destination: Destination,
    refs: { tenant: string; entity: string; id: string }[],
  ): Promise<Map<string, RemoteRecordState>> {
    const twoWay = refs.filter(
      (ref) => this.snapshot.mapping(destination.id, ref.tenant, ref.entity)?.inbound,
    );
    return this.remote.states(
      destination.id,
      twoWay.map(({ tenant, entity, id }) => ({ tenant, entity, recordId: id })),
    );
  }

  /** Sends the plans in batch calls; retries transient item failures up to maxAttemptsInBatch. */
  private async send(
    destination: Destination,
    connector: CrmConnector,
    plans: PlannedRecord[],
    report: BatchReport,
    keepalive: DeliveryKeepalive,
  ): Promise<DeliveryOutcome> {
    let pending = plans;
    while (pending.length > 0) {
      const retry: PlannedRecord[] = [];
      for (const group of groupCalls(pending, connector.maxBatchSize)) {
        await keepalive.beat();
        if (!keepalive.owned()) return { done: false, holdMs: 0, reason: 'revoked' };
        const result = await this.caller.call(destination, connector, group, keepalive);
        if (result.kind === 'hold')
          return { done: false, holdMs: result.holdMs, reason: result.reason };
        group.forEach((plan, index) => {
          const item = result.items[index];
          if (item.ok) this.delivered(destination, plan, item.externalId, report);
          else if (item.error.errorClass === 'permanent') {
            report.deadLetters.push({
              key: plan.key,
              notice: plan.notice,
              mappingVersion: plan.mapping.version,
              error: item.error,
            });
            report.logEntries.push(
              deliveryLogEntry(
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
      if (retry.length > 0 && retry[0].attempts >= this.maxAttemptsInBatch) {
        // Still failing after retries in this batch: back off the destination, redo later.
        for (const plan of retry)
          report.logEntries.push(
            deliveryLogEntry(
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
        return { done: false, holdMs: this.retry.delayFor(retry[0].attempts), reason: 'transient' };
      }
      if (retry.length > 0) {
        this.metrics.records.inc(
          { destination: destination.id, kind: destination.kind, outcome: 'retried' },
          retry.length,
        );
        if (!(await keepalive.wait(this.retry.delayFor(retry[0].attempts))))
          return { done: false, holdMs: 0, reason: 'revoked' };
      }
      pending = retry;
    }
    return { done: true };
  }

  private delivered(
    destination: Destination,
    plan: PlannedRecord,
    externalId: string | undefined,
    report: BatchReport,
  ): void {
    report.logEntries.push({
      ...deliveryLogEntry(
        destination,
        plan.notice,
        plan.version,
        plan.action,
        'delivered',
        plan.attempts + 1,
      ),
      payloadHash: plan.action === 'upsert' ? (plan.hash ?? null) : ARCHIVED_PAYLOAD,
      deliveredVersion: plan.version,
      identity: plan.identity,
      externalId: externalId ?? null,
    });
    if (plan.action === 'upsert' && plan.mapping.inbound) {
      report.sent.push({ ...plan, externalId: externalId ?? plan.externalId });
    }
    this.metrics.records.inc({
      destination: destination.id,
      kind: destination.kind,
      outcome: 'delivered',
    });
    this.metrics.latencySeconds.observe(
      { destination: destination.id },
      (Date.now() - plan.notice.observedAt) / 1000,
    );
  }

  /**
   * The collection of each notice's `entity`. One this process does not know may have been added
   * since it started (a table added at run time): the catalog is re-read once. Still unknown, it
   * is left out, and the planner dead-letters the record naming the collection.
   */
  private async collectionsOf(
    refs: { entity: string }[],
  ): Promise<Map<string, CollectionDefinition>> {
    const names = new Set(refs.map((ref) => ref.entity));
    const known = this.collections.collections.map((c) => c.name);
    if ([...names].some((name) => !known.includes(name))) await this.collections.reload();
    return new Map(
      this.collections.collections
        .filter((collection) => names.has(collection.name))
        .map((collection) => [collection.name, collection]),
    );
  }

  /**
   * Current states from the cache; a record the cache lacks is read from Postgres. An id that
   * cannot name a row of its collection goes to `unreadable` with the reason.
   */
  private async currentStates(
    refs: { tenant: string; entity: string; id: string; version: number }[],
    collections: Map<string, CollectionDefinition>,
    unreadable: Map<string, string>,
  ): Promise<Map<string, CachedRecord>> {
    const cached = await this.cache.getMany(
      refs.map(({ tenant, entity, id }) => ({ tenant, entity, id })),
    );
    const states = new Map<string, CachedRecord>();
    const missing: typeof refs = [];
    refs.forEach((ref, index) => {
      const record = cached[index];
      if (record) states.set(recordChangedKey(ref), record);
      else missing.push(ref);
    });
    for (const ref of missing) {
      const collection = collections.get(ref.entity);
      if (!collection) continue;
      let row;
      try {
        row = await this.source.read(collection, ref.tenant, ref.id, ref.version);
      } catch (error) {
        if (!(error instanceof InvalidRecordIdException)) throw error;
        unreadable.set(recordChangedKey(ref), error.message);
        continue;
      }
      if (row)
        states.set(recordChangedKey(ref), {
          tenant: ref.tenant,
          entity: ref.entity,
          id: ref.id,
          deleted: false,
          version: row.version,
          data: row.record,
        });
    }
    return states;
  }
}

function inboundInFlight(state: RemoteRecordState): boolean {
  return state.pending !== null && (state.pendingForMs ?? 0) < INBOUND_PENDING_EXPIRY_MS;
}
