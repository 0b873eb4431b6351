import { Inject, Injectable } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import { SALESFORCE_DEFAULT_LIMITS } from '../constants/salesforce-default-limits.constant';
import { SALESFORCE_SIM_OPTIONS } from '../constants/salesforce-sim-options.token';
import type { SalesforceLimits } from '../types/salesforce-limits.type';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';
import type { SalesforceUsageVerdict } from '../types/salesforce-usage-verdict.type';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/**
 * API request usage over a rolling 24 hours (per-minute buckets, as Salesforce's limit rolls)
 * and requests in flight. Refused requests are not counted.
 */
@Injectable()
export class SalesforceApiUsageService {
  private limits: SalesforceLimits;
  private buckets: { minute: number; count: number }[] = [];
  private used = 0;
  private inFlight = 0;

  constructor(@Inject(SALESFORCE_SIM_OPTIONS) private readonly options: SalesforceSimOptions) {
    this.limits = { ...SALESFORCE_DEFAULT_LIMITS, ...options.limits };
  }

  tryAcquire(now = Date.now()): SalesforceUsageVerdict {
    this.expire(now);
    const max = this.limits.dailyApiRequests;
    if (this.used >= max) return { ok: false, reason: 'daily', used: this.used, max };
    if (this.limits.maxConcurrent !== null && this.inFlight >= this.limits.maxConcurrent) {
      return { ok: false, reason: 'concurrent', used: this.used, max };
    }
    const minute = Math.floor(now / MINUTE_MS);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.minute === minute) last.count += 1;
    else this.buckets.push({ minute, count: 1 });
    this.used += 1;
    this.inFlight += 1;
    return { ok: true, used: this.used, max };
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  getLimits(): SalesforceLimits & { apiUsage: number; inFlight: number } {
    this.expire(Date.now());
    return { ...this.limits, apiUsage: this.used, inFlight: this.inFlight };
  }

  /** Runtime change (`POST /__sim/limits`); `apiUsage` sets the requests already used today. */
  updateLimits(patch: unknown): SalesforceLimits & { apiUsage: number; inFlight: number } {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new SimAdminException('limits body must be a JSON object');
    }
    const next = { ...this.limits };
    for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
      if (key === 'maxConcurrent' && value === null) {
        next.maxConcurrent = null;
        continue;
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new SimAdminException(`${key} must be a non-negative integer`);
      }
      if (key === 'dailyApiRequests' || key === 'maxConcurrent') next[key] = value;
      else if (key === 'apiUsage') {
        this.buckets =
          value > 0 ? [{ minute: Math.floor(Date.now() / MINUTE_MS), count: value }] : [];
        this.used = value;
      } else throw new SimAdminException(`unknown limit '${key}'`);
    }
    this.limits = next;
    return this.getLimits();
  }

  reset(): void {
    this.limits = { ...SALESFORCE_DEFAULT_LIMITS, ...this.options.limits };
    this.buckets = [];
    this.used = 0;
  }

  private expire(now: number): void {
    const oldest = Math.floor(now / MINUTE_MS) - DAY_MINUTES;
    let drop = 0;
    while (drop < this.buckets.length && this.buckets[drop].minute <= oldest) {
      this.used -= this.buckets[drop].count;
      drop += 1;
    }
    if (drop > 0) this.buckets.splice(0, drop);
  }
}
