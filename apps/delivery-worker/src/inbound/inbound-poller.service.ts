import { Logger } from '@nestjs/common';
import { SharedRateLimiter } from '@syncline/cache';
import { CrmConnector, DeliveryException, ModifiedCursor } from '@syncline/connectors';
import {
  ControlPlaneSnapshot,
  Destination,
  InboundCursorRepository,
} from '@syncline/control-plane';
import { EntityMapping, isInboundField } from '@syncline/mapping';
import { ConnectorPool } from '../deliver/connector-pool.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { ApplyInboundUseCase } from './apply-inbound.usecase';
import { roundRobinPicks } from './round-robin-picks.util';

/** Pages one poll of one object may take before its cursor commits (bounded work per lock). */
const MAX_PAGES_PER_POLL = 20;
const SLOT_WAIT_MS = 10_000;
const MAX_BACKOFF_MS = 60_000;
/** Polls one replica runs at once, whatever the number of destinations. */
const MAX_POLLS_IN_FLIGHT = 8;

interface DeletionCursor {
  since: string;
}

export interface InboundPollerOptions {
  intervalMs: number;
  settleMs: number;
}

/**
 * Two-way sync by polling: every `intervalMs`, each object of each destination's two-way mappings
 * (each on its own, backing off while it fails) is scanned for records modified after its persisted cursor (and deleted since its deletion
 * cursor), and what it finds goes through `ApplyInboundUseCase`. One replica polls an object at a
 * time (the cursor row's lock); the cursor commits only after its page is applied, so a crash or
 * restart re-reads that page and nothing is skipped. The first poll starts from now: history is
 * the reconciler's job.
 */
export class InboundPoller {
  private readonly logger = new Logger(InboundPoller.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** Polls under way, by destination object. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Objects whose last poll failed: not before `until`. */
  private readonly backoff = new Map<string, { failures: number; until: number }>();
  /** Where the next round of polls starts (round robin over the destination objects). */
  private turn = 0;

  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly connectors: ConnectorPool,
    private readonly limiter: SharedRateLimiter,
    private readonly cursors: InboundCursorRepository,
    private readonly inbound: ApplyInboundUseCase,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly options: InboundPollerOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => this.schedule(), this.options.intervalMs);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.inFlight.values());
  }

  /**
   * Starts a poll of every two-way destination object that is not being polled or backing off,
   * up to MAX_POLLS_IN_FLIGHT, taking turns (round robin): each object polls on its own, and a
   * slow or unreachable CRM (its poll retries its pages before failing) delays only its own
   * objects, never the turn of the destinations after it.
   */
  schedule(): void {
    if (this.stopped) return;
    const objects: { key: string; destination: Destination; mapping: EntityMapping }[] = [];
    for (const destination of this.snapshot.destinations()) {
      if (destination.paused) continue;
      const byObject = new Map<string, EntityMapping>();
      for (const mapping of this.snapshot.mappingsOf(destination.id)) {
        if (mapping.inbound && !byObject.has(mapping.object)) byObject.set(mapping.object, mapping);
      }
      for (const mapping of byObject.values())
        objects.push({ key: `${destination.id}/${mapping.object}`, destination, mapping });
    }
    const now = Date.now();
    const { picked, next } = roundRobinPicks(
      objects,
      this.turn,
      MAX_POLLS_IN_FLIGHT - this.inFlight.size,
      ({ key }) => !this.inFlight.has(key) && (this.backoff.get(key)?.until ?? 0) <= now,
    );
    this.turn = next;
    for (const { key, destination, mapping } of picked) {
      const poll = this.pollObject(destination, mapping).then(
        () => {
          this.backoff.delete(key);
          this.metrics.inboundPolls.inc({ destination: destination.id, result: 'ok' });
        },
        (error: unknown) => this.failed(key, destination, mapping, error),
      );
      this.inFlight.set(
        key,
        poll.finally(() => this.inFlight.delete(key)),
      );
    }
  }

  /** Polls every two-way destination object once, all at once (tests, tools). */
  async pollAll(): Promise<void> {
    this.schedule();
    await Promise.all(this.inFlight.values());
  }

  private failed(key: string, destination: Destination, mapping: EntityMapping, error: unknown) {
    const failures = (this.backoff.get(key)?.failures ?? 0) + 1;
    const delayMs = Math.min(MAX_BACKOFF_MS, this.options.intervalMs * 2 ** failures);
    this.backoff.set(key, { failures, until: Date.now() + delayMs });
    this.metrics.inboundPolls.inc({ destination: destination.id, result: 'failed' });
    this.logger.warn(
      `polling ${mapping.object} of destination ${destination.id} failed (again in ${delayMs} ms): ${String(error)}`,
    );
  }

  private async pollObject(destination: Destination, mapping: EntityMapping): Promise<void> {
    const connector = await this.connectors.connectorFor(destination);
    const scan = connector.listModifiedSince?.bind(connector);
    if (!scan) return; // a connector without a read side (REST): webhooks only
    const properties = mapping.fields.filter(isInboundField).map((field) => field.target);
    const start: ModifiedCursor = { modifiedAt: new Date().toISOString() };
    const changes = await this.cursors.withCursor(
      destination.id,
      mapping.object,
      start,
      async (cursor) => {
        let next = cursor;
        let pages = 0;
        const until = new Date(Date.now() - this.options.settleMs);
        await this.slot(destination, connector);
        for await (const page of scan(mapping.object, mapping.identity.target, properties, cursor, {
          until,
        })) {
          await this.inbound.apply(destination, mapping, page.records, connector);
          next = page.cursor;
          if (++pages >= MAX_PAGES_PER_POLL) break;
          await this.slot(destination, connector);
        }
        return { cursor: next, result: pages };
      },
    );
    if (!changes.ran) {
      this.metrics.inboundPolls.inc({ destination: destination.id, result: 'busy' });
      return;
    }
    await this.pollDeletions(destination, mapping, connector);
  }

  /** Deletions since the deletion cursor; the cursor moves past the newest one applied. */
  private async pollDeletions(
    destination: Destination,
    mapping: EntityMapping,
    connector: CrmConnector,
  ): Promise<void> {
    const list = connector.listDeletedSince?.bind(connector);
    if (!list || mapping.inbound?.deletePolicy === undefined) return;
    const start: DeletionCursor = { since: new Date().toISOString() };
    await this.cursors.withCursor(
      destination.id,
      `${mapping.object}#deleted`,
      start,
      async (cursor) => {
        let newest = Date.parse(cursor.since);
        await this.slot(destination, connector);
        for await (const page of list(mapping.object, mapping.identity.target, new Date(newest))) {
          const fresh = page.filter((record) => Date.parse(record.deletedAt) >= newest);
          await this.inbound.applyDeletions(destination, mapping, fresh);
          for (const record of fresh) newest = Math.max(newest, Date.parse(record.deletedAt) + 1);
          await this.slot(destination, connector);
        }
        return { cursor: { since: new Date(newest).toISOString() }, result: undefined };
      },
    );
  }

  /** A request slot of the destination's shared rate limit (polls spend its allowance too). */
  private async slot(destination: Destination, connector: CrmConnector): Promise<void> {
    const slot = await this.limiter.acquire(destination.id, destination.rateLimit, SLOT_WAIT_MS);
    if (!slot.granted)
      throw new DeliveryException('rate_limited', `no rate-limit slot for ${connector.kind} poll`, {
        retryAfterMs: slot.waitMs,
      });
  }
}
