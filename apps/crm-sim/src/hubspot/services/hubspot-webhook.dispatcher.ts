import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import { HUBSPOT_WEBHOOK_DEFAULTS } from '../constants/hubspot-webhook-defaults.constant';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';
import type { HubSpotWebhookBatch } from '../types/hubspot-webhook-batch.type';
import type { HubSpotWebhookDelivery } from '../types/hubspot-webhook-delivery.type';
import type { HubSpotWebhookEvent } from '../types/hubspot-webhook-event.type';
import type { HubSpotWebhookFaults } from '../types/hubspot-webhook-faults.type';
import { hubSpotWebhookRetryDelay } from '../utils/hubspot-webhook-retry-delay.util';
import { parseWebhookFaults } from '../utils/parse-webhook-faults.util';
import { postHubSpotWebhook } from '../utils/post-hubspot-webhook.util';
import { shuffle } from '../utils/shuffle.util';
import { signHubSpotWebhook } from '../utils/sign-hubspot-webhook.util';
import { splitIntoBatches } from '../utils/split-into-batches.util';
import { HubSpotWebhookRegistry } from './hubspot-webhook.registry';

const DELIVERY_LOG_LIMIT = 10_000;

/**
 * Delivers events to the app's target URL as HubSpot does: JSON arrays of up to 100 events,
 * signed, at most `maxConcurrentRequests` POSTs in flight, and every failed POST (non-2xx,
 * refused, timed out) retried up to 10 times with growing waits. Fault switches duplicate
 * and reorder deliveries.
 */
@Injectable()
export class HubSpotWebhookDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('HubSpotSimWebhooks');
  private readonly secret: string;
  private readonly timeScale: number;
  private readonly timeoutMs: number;
  private queued: HubSpotWebhookEvent[] = [];
  private ready: HubSpotWebhookBatch[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  /** Scheduled retries and in-flight POSTs, each with its number of events. */
  private readonly retryTimers = new Map<NodeJS.Timeout, number>();
  private readonly inFlight = new Map<AbortController, number>();
  private deliveries: HubSpotWebhookDelivery[] = [];
  private seq = 0;
  private faults: HubSpotWebhookFaults = { duplicateRate: 0, reorder: false };

  constructor(
    private readonly registry: HubSpotWebhookRegistry,
    @Inject(HUBSPOT_SIM_OPTIONS) options: HubSpotSimOptions,
  ) {
    // Without a configured secret nobody can verify deliveries, which is the point of a secret.
    this.secret = options.webhooks?.clientSecret ?? randomUUID();
    this.timeScale = options.webhooks?.retryTimeScale ?? 1;
    this.timeoutMs = options.webhooks?.timeoutMs ?? HUBSPOT_WEBHOOK_DEFAULTS.timeoutMs;
  }

  /** Queues events; those written within a few ms leave together. */
  enqueue(events: HubSpotWebhookEvent[]): void {
    if (events.length === 0) return;
    this.queued.push(...events);
    this.flushTimer ??= setTimeout(() => this.flush(), HUBSPOT_WEBHOOK_DEFAULTS.batchWindowMs);
  }

  /** Deliveries made, oldest first, after `sinceSeq`. */
  list(sinceSeq = 0): HubSpotWebhookDelivery[] {
    return this.deliveries.filter((d) => d.seq > sinceSeq);
  }

  /** Events not yet delivered: queued, waiting for a slot, in flight or waiting to retry. */
  pending(): number {
    return (
      this.queued.length +
      this.ready.reduce((n, b) => n + b.events.length, 0) +
      sum(this.inFlight.values()) +
      sum(this.retryTimers.values())
    );
  }

  getFaults(): HubSpotWebhookFaults {
    return { ...this.faults };
  }

  /** Each switch given replaces that switch; see parseWebhookFaults. */
  setFaults(input: unknown): HubSpotWebhookFaults {
    this.faults = { ...this.faults, ...parseWebhookFaults(input) };
    return this.getFaults();
  }

  clearDeliveries(): void {
    this.deliveries = [];
  }

  /** Drops every pending event, timer and in-flight POST; faults and the log start over. */
  reset(): void {
    this.stop();
    this.queued = [];
    this.ready = [];
    this.deliveries = [];
    this.faults = { duplicateRate: 0, reorder: false };
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const timer of this.retryTimers.keys()) clearTimeout(timer);
    this.retryTimers.clear();
    for (const controller of this.inFlight.keys()) controller.abort();
    this.inFlight.clear();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const reorder = this.faults.reorder;
    const events = reorder ? shuffle(this.queued) : this.queued;
    this.queued = [];
    const { maxEventsPerRequest } = HUBSPOT_WEBHOOK_DEFAULTS;
    for (const batch of splitIntoBatches(events, maxEventsPerRequest, reorder)) {
      this.ready.push({ events: batch, attemptNumber: 0, duplicate: false });
    }
    this.pump();
  }

  private pump(): void {
    const settings = this.registry.settings();
    if (!settings) {
      // No target URL: HubSpot has nowhere to send, and nothing is kept for later.
      this.ready = [];
      return;
    }
    while (
      this.ready.length > 0 &&
      this.inFlight.size < settings.throttling.maxConcurrentRequests
    ) {
      const index = this.faults.reorder ? Math.floor(Math.random() * this.ready.length) : 0;
      const [batch] = this.ready.splice(index, 1);
      this.send(settings.targetUrl, batch).catch((error: unknown) =>
        this.logger.error(`webhook delivery failed: ${String(error)}`),
      );
    }
  }

  private async send(url: string, batch: HubSpotWebhookBatch): Promise<void> {
    const controller = new AbortController();
    this.inFlight.set(controller, batch.events.length);
    const events = batch.events.map((e) => ({ ...e, attemptNumber: batch.attemptNumber }));
    const body = JSON.stringify(events);
    const startedAt = new Date();
    const started = performance.now();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(this.timeoutMs)]);
    const headers = signHubSpotWebhook(this.secret, 'POST', url, body, startedAt.getTime());
    const result = await postHubSpotWebhook(url, body, headers, signal);
    if (!this.inFlight.delete(controller)) return; // reset or closed meanwhile
    const ok = result.status >= 200 && result.status < 300;
    const willRetry = !ok && batch.attemptNumber < HUBSPOT_WEBHOOK_DEFAULTS.maxRetries;
    this.record({
      attemptNumber: batch.attemptNumber,
      status: result.status,
      ...(result.error === undefined ? {} : { error: result.error }),
      eventIds: events.map((e) => e.eventId),
      duplicate: batch.duplicate,
      willRetry,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
    });
    if (willRetry) this.scheduleRetry(batch, result.retryAfterSeconds);
    else if (ok && !batch.duplicate && Math.random() < this.faults.duplicateRate) {
      this.ready.push({ ...batch, duplicate: true });
    }
    this.pump();
  }

  /** A 429 with Retry-After is retried after that many seconds (HubSpot honours it). */
  private scheduleRetry(batch: HubSpotWebhookBatch, retryAfterSeconds?: number): void {
    const attemptNumber = batch.attemptNumber + 1;
    const delay =
      retryAfterSeconds === undefined
        ? hubSpotWebhookRetryDelay(attemptNumber, this.timeScale)
        : retryAfterSeconds * 1000 * this.timeScale;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.ready.push({ ...batch, attemptNumber });
      this.pump();
    }, delay);
    this.retryTimers.set(timer, batch.events.length);
  }

  private record(delivery: Omit<HubSpotWebhookDelivery, 'seq'>): void {
    this.seq += 1;
    this.deliveries.push({ seq: this.seq, ...delivery });
    if (this.deliveries.length > DELIVERY_LOG_LIMIT) this.deliveries.shift();
  }
}

function sum(counts: Iterable<number>): number {
  let total = 0;
  for (const n of counts) total += n;
  return total;
}
