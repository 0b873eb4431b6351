import { Logger } from '@nestjs/common';
import { SharedRateLimiter } from '@syncline/cache';
import { DecodeFailure } from '@syncline/cdc';
import { CrmConnector, DeletedRecord, DeliveryException, RemoteRecord } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  Destination,
  InboundHintRetry,
  InboundHintRetryRepository,
} from '@syncline/control-plane';
import { decodeInboundHint, InboundHint } from '@syncline/events';
import { KafkaBatch } from '@syncline/kafka';
import { EntityMapping, isInboundField } from '@syncline/mapping';
import { RetryPolicy } from '@syncline/resilience';
import { ConnectorPool } from '../deliver/connector-pool.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { ApplyInboundUseCase } from './apply-inbound.usecase';
import { groupInboundHints } from './group-inbound-hints.util';

/** Records per `readByExternalId` call, each call one slot of the destination's rate limit. */
const READ_CHUNK = 100;
const SLOT_WAIT_MS = 30_000;
/** Deferred records retried at once, and how long a claim keeps them from other replicas. */
const RETRY_CHUNK = 500;
const RETRY_LEASE_MS = 120_000;

/**
 * Inbound hints (webhooks) → the records as the CRM holds them now → `ApplyInboundUseCase`.
 * Per batch: the newest hint of each record, by destination and object; for each two-way mapping
 * of that object, change hints are read back (`readByExternalId`, under the shared rate limit)
 * and applied; deletion hints, and change hints whose record the CRM no longer returns, are
 * applied as deletions. Resolves once everything is written, so the transport commits only then.
 * The hint partitions are shared by every destination, so a CRM that cannot be read now (down,
 * rate limited) must not hold them: its records are deferred (`inbound_hint_retries`, backing off
 * per destination) and read again by `retryDeferred`, and the batch moves on. Any other retriable
 * error (Postgres, Redis) rejects and the batch is redone, which is harmless: applying is
 * state-based. A malformed hint is a DecodeFailure (not retriable): the transport isolates it and
 * dead-letters it.
 */
export class ApplyInboundHintsUseCase {
  private readonly logger = new Logger(ApplyInboundHintsUseCase.name);
  /** Consecutive failed reads per destination: how long its deferred records wait. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly connectors: ConnectorPool,
    private readonly limiter: SharedRateLimiter,
    private readonly inbound: ApplyInboundUseCase,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly retries: InboundHintRetryRepository,
    private readonly backoff: RetryPolicy = new RetryPolicy({ maxDelayMs: 60_000 }),
  ) {}

  async execute(batch: KafkaBatch): Promise<void> {
    // All decoded before any work, so isolating a malformed one redoes nothing.
    await this.applyHints(batch.messages.map((message) => decode(message.value)));
  }

  /**
   * Reads again the deferred records that are due (change hints: the CRM's answer says whether
   * the record still exists); a failed read defers them anew. Resolves to how many it retried.
   */
  async retryDeferred(): Promise<number> {
    const due = await this.retries.claimDue(RETRY_CHUNK, RETRY_LEASE_MS);
    if (due.length === 0) return 0;
    await this.applyHints(due.map(retryHint));
    await this.retries.remove(due);
    for (const retry of due) this.count(retry.destinationId, 'retried', 1);
    return due.length;
  }

  private async applyHints(hints: InboundHint[]): Promise<void> {
    for (const [destinationId, byObject] of groupInboundHints(hints)) {
      const destination = this.snapshot.destination(destinationId);
      for (const [object, latest] of byObject) {
        const mappings = destination
          ? this.snapshot
              .mappingsOf(destinationId)
              .filter((mapping) => mapping.inbound !== undefined && mapping.object === object)
          : [];
        if (!destination || mappings.length === 0) {
          // Deleted, or made one-way, since the webhook came: nothing to apply it to.
          this.count(destinationId, 'skipped', latest.length);
          continue;
        }
        if (destination.paused) {
          // Paused: no CRM calls, as for polling; the poller's cursor catches up on resume.
          this.count(destinationId, 'paused', latest.length);
          continue;
        }
        for (const mapping of mappings) await this.applyObject(destination, mapping, latest);
      }
    }
  }

  private async applyObject(
    destination: Destination,
    mapping: EntityMapping,
    hints: InboundHint[],
  ): Promise<void> {
    const withState = hints.filter((hint) => hint.kind === 'change' && hint.state);
    const changed = hints.filter((hint) => hint.kind === 'change' && !hint.state);
    const deleted = hints.filter((hint) => hint.kind === 'deletion').map(deletedRecord);
    if (withState.length > 0) {
      // The sender's state (REST): applied as it is; an older one than the last is ignored.
      await this.inbound.apply(
        destination,
        mapping,
        withState.map((hint) => stateRecord(mapping, hint)),
        await this.connectors.connectorFor(destination),
      );
      this.count(destination.id, 'state', withState.length);
    }
    if (changed.length > 0) {
      const records = await this.readOrDefer(destination, mapping, changed);
      if (records) {
        const connector = await this.connectors.connectorFor(destination);
        await this.inbound.apply(destination, mapping, records, connector);
        this.count(destination.id, 'read', changed.length);
        const returned = new Set(records.map((record) => record.externalId));
        // Changed, then deleted (or merged away) before we read it.
        const gone = changed.filter((hint) => !returned.has(hint.externalId));
        deleted.push(...gone.map(deletedRecord));
      }
    }
    await this.inbound.applyDeletions(destination, mapping, deleted);
    this.count(destination.id, 'deletion', deleted.length);
  }

  /**
   * The hinted records as the CRM holds them now; undefined if they cannot be read now: deferred
   * when the CRM failed in a way that may pass (its destination only waits), dropped when the
   * connector has no read side.
   */
  private async readOrDefer(
    destination: Destination,
    mapping: EntityMapping,
    hints: InboundHint[],
  ): Promise<RemoteRecord[] | undefined> {
    try {
      const connector = await this.connectors.connectorFor(destination);
      const records = await this.read(destination, mapping, connector, hints);
      this.failures.delete(destination.id);
      return records;
    } catch (error) {
      if (!(error instanceof DeliveryException) || !error.retriable) throw error;
      const failures = (this.failures.get(destination.id) ?? 0) + 1;
      this.failures.set(destination.id, failures);
      const delayMs = this.backoff.delayFor(failures, error.details.retryAfterMs);
      await this.retries.defer(destination.id, mapping.object, hints, delayMs, error.message);
      this.count(destination.id, 'deferred', hints.length);
      this.logger.warn(
        `${hints.length} ${mapping.object} records of destination ${destination.id} deferred (read again in ${delayMs} ms): ${error.message}`,
      );
      return undefined;
    }
  }

  /** The hinted records as the CRM holds them now; undefined if this connector cannot read them. */
  private async read(
    destination: Destination,
    mapping: EntityMapping,
    connector: CrmConnector,
    hints: InboundHint[],
  ): Promise<RemoteRecord[] | undefined> {
    const readByExternalId = connector.readByExternalId?.bind(connector);
    if (!readByExternalId) {
      this.count(destination.id, 'unreadable', hints.length);
      this.logger.warn(
        `${hints.length} change hints for ${mapping.object} of destination ${destination.id} dropped: its ${connector.kind} connector cannot read records back`,
      );
      return undefined;
    }
    const properties = mapping.fields.filter(isInboundField).map((field) => field.target);
    const ids = hints.map((hint) => hint.externalId);
    const records: RemoteRecord[] = [];
    for (let start = 0; start < ids.length; start += READ_CHUNK) {
      await this.slot(destination, connector);
      const chunk = ids.slice(start, start + READ_CHUNK);
      records.push(
        ...(await readByExternalId(mapping.object, mapping.identity.target, chunk, properties)),
      );
    }
    return records;
  }

  /** A request slot of the destination's shared rate limit: reads spend its allowance too. */
  private async slot(destination: Destination, connector: CrmConnector): Promise<void> {
    const slot = await this.limiter.acquire(destination.id, destination.rateLimit, SLOT_WAIT_MS);
    if (!slot.granted)
      throw new DeliveryException(
        'rate_limited',
        `no rate-limit slot to read ${connector.kind} records back`,
        { retryAfterMs: slot.waitMs },
      );
  }

  private count(destinationId: string, outcome: string, hints: number): void {
    if (hints > 0) this.metrics.inboundHints.inc({ destination: destinationId, outcome }, hints);
  }
}

function decode(value: Buffer | null): InboundHint {
  try {
    return decodeInboundHint(value ?? Buffer.alloc(0));
  } catch (error) {
    throw new DecodeFailure('UNDECODABLE_EVENT', (error as Error).message);
  }
}

/** A REST webhook's record state as a record read back: its identity from the identity property. */
function stateRecord(mapping: EntityMapping, hint: InboundHint): RemoteRecord {
  const { properties, modifiedAt } = hint.state as NonNullable<InboundHint['state']>;
  const identity = properties[mapping.identity.target];
  return {
    externalId: hint.externalId,
    identity:
      typeof identity === 'string' || typeof identity === 'number' ? String(identity) : null,
    properties,
    lastModified: modifiedAt,
  };
}

/** What a hint says of a deletion: when, and no identity (the CRM may no longer know it). */
function deletedRecord(hint: InboundHint): DeletedRecord {
  return {
    externalId: hint.externalId,
    identity: null,
    deletedAt: new Date(hint.occurredAt).toISOString(),
  };
}

/** A deferred record as a change hint: read it again, whatever the hint that deferred it said. */
function retryHint(retry: InboundHintRetry): InboundHint {
  return {
    destinationId: retry.destinationId,
    object: retry.object,
    externalId: retry.externalId,
    kind: 'change',
    occurredAt: retry.occurredAt,
    source: 'webhook',
    receivedAt: Date.now(),
  };
}
