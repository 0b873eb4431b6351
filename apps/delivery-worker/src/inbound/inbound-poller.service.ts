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

/** Pages one poll of one object may take before its cursor commits (bounded work per lock). */
const MAX_PAGES_PER_POLL = 20;
const SLOT_WAIT_MS = 10_000;

interface DeletionCursor {
  since: string;
}

export interface InboundPollerOptions {
  intervalMs: number;
  settleMs: number;
}

/**
 * Two-way sync by polling: every `intervalMs`, each object of each destination's two-way mappings
 * is scanned for records modified after its persisted cursor (and deleted since its deletion
 * cursor), and what it finds goes through `ApplyInboundUseCase`. One replica polls an object at a
 * time (the cursor row's lock); the cursor commits only after its page is applied, so a crash or
 * restart re-reads that page and nothing is skipped. The first poll starts from now: history is
 * the reconciler's job.
 */
export class InboundPoller {
  private readonly logger = new Logger(InboundPoller.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

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
    const tick = () => {
      if (this.stopped) return;
      this.running = this.pollAll()
        .catch((error: unknown) => this.logger.warn(`inbound poll failed: ${String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round over every two-way destination object. */
  async pollAll(): Promise<void> {
    for (const destination of this.snapshot.destinations()) {
      if (destination.paused) continue;
      const byObject = new Map<string, EntityMapping>();
      for (const mapping of this.snapshot.mappingsOf(destination.id)) {
        if (mapping.inbound && !byObject.has(mapping.object)) byObject.set(mapping.object, mapping);
      }
      for (const mapping of byObject.values()) {
        try {
          await this.pollObject(destination, mapping);
          this.metrics.inboundPolls.inc({ destination: destination.id, result: 'ok' });
        } catch (error) {
          this.metrics.inboundPolls.inc({ destination: destination.id, result: 'failed' });
          this.logger.warn(
            `polling ${mapping.object} of destination ${destination.id} failed (retried next round): ${String(error)}`,
          );
        }
      }
    }
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
          await this.inbound.apply(destination, mapping, page.records);
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
