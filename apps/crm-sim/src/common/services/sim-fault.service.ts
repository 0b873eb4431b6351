import { Inject, Injectable } from '@nestjs/common';
import { SIM_ERROR_RESPONDER } from '../constants/sim-error-responder.token';
import { SimAdminException } from '../exceptions/sim-admin.exception';
import type { FaultDecision } from '../types/fault-decision.type';
import type { OutageMode } from '../types/outage-mode.type';
import type { RecordErrorRule } from '../types/record-error-rule.type';
import type { RecordError } from '../types/record-error.type';
import type { SimErrorResponder } from '../types/sim-error-responder.type';
import type { SimFaultsInput } from '../types/sim-faults-input.type';
import type { SimFaultsView } from '../types/sim-faults-view.type';

interface ActiveRule {
  rule: RecordErrorRule;
  pattern: RegExp | undefined;
  remaining: number;
}

/** The faults switched on through `/__sim/faults`; both the request gate and the DML paths ask it. */
@Injectable()
export class SimFaultService {
  private errorRate = 0;
  private errorStatus = 500;
  private latencyMs = 0;
  private latencyJitterMs = 0;
  private outageUntil = 0;
  private outageMode: OutageMode = 'unavailable';
  private throttleUntil = 0;
  private throttleRetryAfterSeconds: number | null = null;
  private rules: ActiveRule[] = [];
  private pathPattern: RegExp | null = null;

  constructor(@Inject(SIM_ERROR_RESPONDER) private readonly responder: SimErrorResponder) {}

  /**
   * Applies a validated input (see parseFaultsInput); windows start now. A 429 storm is refused
   * by a sim whose vendor never answers 429.
   */
  apply(input: SimFaultsInput, now = Date.now()): SimFaultsView {
    const storm = input.throttleMs !== undefined || input.throttleRetryAfterSeconds !== undefined;
    if (storm && !this.responder.throttled) {
      throw new SimAdminException(this.responder.noThrottleReason ?? 'this API never answers 429');
    }
    if (input.errorRate !== undefined) this.errorRate = input.errorRate;
    if (input.errorStatus !== undefined) this.errorStatus = input.errorStatus;
    if (input.latencyMs !== undefined) this.latencyMs = input.latencyMs;
    if (input.latencyJitterMs !== undefined) this.latencyJitterMs = input.latencyJitterMs;
    if (input.outageMode !== undefined) this.outageMode = input.outageMode;
    if (input.outageMs !== undefined) this.outageUntil = now + input.outageMs;
    if (input.throttleMs !== undefined) this.throttleUntil = now + input.throttleMs;
    if (input.throttleRetryAfterSeconds !== undefined) {
      this.throttleRetryAfterSeconds = input.throttleRetryAfterSeconds;
    }
    if (input.pathPattern !== undefined) {
      this.pathPattern = input.pathPattern === '' ? null : new RegExp(input.pathPattern);
    }
    if (input.recordErrors !== undefined) {
      this.rules = input.recordErrors.map((rule) => ({
        rule,
        pattern: rule.matches === undefined ? undefined : new RegExp(rule.matches),
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
      }));
    }
    return this.view(now);
  }

  clear(): void {
    this.errorRate = 0;
    this.errorStatus = 500;
    this.latencyMs = 0;
    this.latencyJitterMs = 0;
    this.outageUntil = 0;
    this.outageMode = 'unavailable';
    this.throttleUntil = 0;
    this.throttleRetryAfterSeconds = null;
    this.rules = [];
    this.pathPattern = null;
  }

  view(now = Date.now()): SimFaultsView {
    return {
      errorRate: this.errorRate,
      errorStatus: this.errorStatus,
      latencyMs: this.latencyMs,
      latencyJitterMs: this.latencyJitterMs,
      outageRemainingMs: Math.max(0, this.outageUntil - now),
      outageMode: this.outageMode,
      throttleRemainingMs: Math.max(0, this.throttleUntil - now),
      throttleRetryAfterSeconds: this.throttleRetryAfterSeconds,
      recordErrors: this.rules.map((r) => r.rule),
      pathPattern: this.pathPattern?.source ?? null,
    };
  }

  /** Added latency for one call, in ms. */
  delayMs(): number {
    if (this.latencyMs === 0 && this.latencyJitterMs === 0) return 0;
    return this.latencyMs + Math.random() * this.latencyJitterMs;
  }

  /** The request-level fault for a call to `path` now: outage, then 429 storm, then 5xx rate. */
  decide(path: string, now = Date.now()): FaultDecision {
    if (this.pathPattern && !this.pathPattern.test(path)) return { kind: 'none' };
    if (this.outageUntil > now) {
      return { kind: 'outage', mode: this.outageMode, remainingMs: this.outageUntil - now };
    }
    if (this.throttleUntil > now) {
      const left = Math.ceil((this.throttleUntil - now) / 1000);
      return { kind: 'throttle', retryAfterSeconds: this.throttleRetryAfterSeconds ?? left };
    }
    if (this.errorRate > 0 && Math.random() < this.errorRate) {
      return { kind: 'error', status: this.errorStatus };
    }
    return { kind: 'none' };
  }

  /**
   * The first rule a record trips, if any. `lookup` reads a field of the record by
   * case-insensitive name. A rule with `times` counts down and stops once used up.
   */
  recordError(objectType: string, lookup: (field: string) => unknown): RecordError | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.objectType && rule.objectType.toLowerCase() !== objectType.toLowerCase()) continue;
      const raw = lookup(rule.field);
      if (raw === undefined || raw === null) continue;
      const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
      if (rule.equals !== undefined && value.toLowerCase() !== rule.equals.toLowerCase()) continue;
      if (rule.in !== undefined && !rule.in.some((v) => v.toLowerCase() === value.toLowerCase())) {
        continue;
      }
      if (active.pattern && !active.pattern.test(value)) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      active.remaining -= 1;
      return {
        code: rule.code,
        category: rule.category,
        message: rule.message,
        field: rule.field,
        value,
      };
    }
    return undefined;
  }
}
