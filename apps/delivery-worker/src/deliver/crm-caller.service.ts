import { RateDecision, SharedRateLimiter } from '@syncline/cache';
import { CrmConnector, DeliveryException, ItemResult } from '@syncline/connectors';
import { Destination } from '@syncline/control-plane';
import { MappedRecord } from '@syncline/mapping';
import { CallVerdict, CircuitBreaker } from '@syncline/resilience';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { CrmCallResult } from '../types/crm-call-result.type';
import { PlannedRecord } from '../types/planned-record.type';
import { DeliveryKeepalive } from './delivery-keepalive.service';

/** How long a batch may wait for a rate-limit slot before it is put back and retried later. */
const MAX_SLOT_WAIT_MS = 5000;

/**
 * One CRM call under the destination's circuit breaker and shared rate limit. The breaker runs
 * the whole attempt (slot, then call) and settles it whatever happens: only a transient CRM error
 * counts as a failure, an answer as a success, anything else (no slot, throttled, a request the
 * CRM refuses for good, an error of our own) teaches it nothing.
 */
export class CrmCaller {
  constructor(
    private readonly limiter: SharedRateLimiter,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly breakers: Map<string, CircuitBreaker>,
  ) {}

  async call(
    destination: Destination,
    connector: CrmConnector,
    group: PlannedRecord[],
    keepalive: DeliveryKeepalive,
  ): Promise<CrmCallResult> {
    const breaker = this.breaker(destination.id);
    try {
      const attempt = await breaker.execute(
        () => this.attempt(destination, connector, group, keepalive),
        {
          result: (result) => (result.kind === 'items' ? 'success' : 'neutral'),
          error: verdictOf,
        },
      );
      if (attempt.admitted) return attempt.value;
      this.metrics.throttled.inc({ destination: destination.id, reason: 'circuit' });
      return { kind: 'hold', holdMs: attempt.waitMs, reason: 'circuit' };
    } catch (error) {
      if (!(error instanceof DeliveryException)) throw error;
      return this.onCallError(destination, group, error);
    } finally {
      this.metrics.circuitState.set(
        { destination: destination.id },
        { closed: 0, half_open: 1, open: 2 }[breaker.current],
      );
    }
  }

  private breaker(destinationId: string): CircuitBreaker {
    let breaker = this.breakers.get(destinationId);
    if (!breaker) this.breakers.set(destinationId, (breaker = new CircuitBreaker()));
    return breaker;
  }

  private async attempt(
    destination: Destination,
    connector: CrmConnector,
    group: PlannedRecord[],
    keepalive: DeliveryKeepalive,
  ): Promise<CrmCallResult> {
    const { mapping, action } = group[0];
    const slot = await this.slot(destination, connector.requestsPerCall?.[action] ?? 1, keepalive);
    if (slot === 'revoked') return { kind: 'hold', holdMs: 0, reason: 'revoked' };
    if (!slot.granted) {
      this.metrics.throttled.inc({ destination: destination.id, reason: slot.reason });
      return { kind: 'hold', holdMs: slot.waitMs, reason: 'rate_limited' };
    }
    this.metrics.rateLimitUtilisation.set(
      { destination: destination.id },
      slot.used / destination.rateLimit.requestsPerInterval,
    );
    this.metrics.callSize.observe({ kind: destination.kind }, group.length);
    const items = await keepalive.during(() =>
      action === 'upsert'
        ? connector.upsert(
            mapping.object,
            mapping.identity.target,
            group.map((plan) => plan.mapped as MappedRecord),
          )
        : connector.archive(
            mapping.object,
            mapping.identity.target,
            group.map((plan) => plan.identity),
          ),
    );
    const byIdentity = new Map(items.map((item) => [item.identity, item]));
    const ordered = group.map(
      (plan) => byIdentity.get(plan.identity) ?? { identity: plan.identity, ok: true as const },
    );
    this.metrics.calls.inc({
      destination: destination.id,
      kind: destination.kind,
      operation: action,
      result: ordered.every((item) => item.ok) ? 'ok' : 'partial',
    });
    return { kind: 'items', items: ordered };
  }

  /** A rate-limit slot, waited for in short steps (heartbeating) up to MAX_SLOT_WAIT_MS. */
  private async slot(
    destination: Destination,
    cost: number,
    keepalive: DeliveryKeepalive,
  ): Promise<RateDecision | 'revoked'> {
    const deadline = Date.now() + MAX_SLOT_WAIT_MS;
    for (;;) {
      const decision = await this.limiter.acquire(destination.id, destination.rateLimit, 0, cost);
      if (decision.granted || Date.now() + decision.waitMs > deadline) return decision;
      if (!(await keepalive.wait(decision.waitMs))) return 'revoked';
    }
  }

  private async onCallError(
    destination: Destination,
    group: PlannedRecord[],
    error: DeliveryException,
  ): Promise<CrmCallResult> {
    this.metrics.calls.inc({
      destination: destination.id,
      kind: destination.kind,
      operation: group[0].action,
      result: error.errorClass,
    });
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
    // Transient (retried) or a whole call rejected for good (per record: dead letters).
    const items: ItemResult[] = group.map((plan) => ({
      identity: plan.identity,
      ok: false as const,
      error,
    }));
    return { kind: 'items', items };
  }
}

/** Only a transient CRM error says the destination is unwell. */
function verdictOf(error: unknown): CallVerdict {
  return error instanceof DeliveryException && error.errorClass === 'transient'
    ? 'failure'
    : 'neutral';
}
