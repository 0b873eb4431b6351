import { Inject, Injectable } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import { SlidingWindowCounter } from '../../common/utils/sliding-window-counter';
import { HUBSPOT_DEFAULT_LIMITS } from '../constants/hubspot-default-limits.constant';
import { HUBSPOT_SIM_OPTIONS } from '../constants/hubspot-sim-options.token';
import type { HubSpotLimitPolicy } from '../types/hubspot-limit-policy.type';
import type { HubSpotLimitVerdict } from '../types/hubspot-limit-verdict.type';
import type { HubSpotRateLimits } from '../types/hubspot-rate-limits.type';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';

const DAY_MS = 86_400_000;
const TEN_SECONDS_MS = 10_000;

/**
 * HubSpot's per-account limits: a daily quota (reset at UTC midnight here, at midnight in the
 * account's time zone in HubSpot), a rolling 10-second window, an optional rolling secondly
 * window and the search API's own per-second limit. Refused calls do not consume quota.
 */
@Injectable()
export class HubSpotRateLimiter {
  private limits: HubSpotRateLimits;
  private readonly tenSecondly = new SlidingWindowCounter(TEN_SECONDS_MS);
  private readonly secondly = new SlidingWindowCounter(1_000);
  private readonly search = new SlidingWindowCounter(1_000);
  private day = 0;
  private dailyUsed = 0;

  constructor(@Inject(HUBSPOT_SIM_OPTIONS) private readonly options: HubSpotSimOptions) {
    this.limits = HubSpotRateLimiter.initialLimits(options);
  }

  acquire(isSearch: boolean, now = Date.now()): HubSpotLimitVerdict {
    this.rollDay(now);
    const limits = this.limits;
    let refusal: { policy: HubSpotLimitPolicy; retryAfterMs: number } | undefined;
    if (this.dailyUsed >= limits.daily) {
      refusal = { policy: 'DAILY', retryAfterMs: (this.day + 1) * DAY_MS - now };
    } else if (isSearch) {
      if (this.search.count(now) >= limits.searchPerSecond) {
        refusal = { policy: 'SECONDLY', retryAfterMs: this.search.msUntilSlot(now) };
      }
    } else if (this.tenSecondly.count(now) >= limits.tenSecondly) {
      refusal = { policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: this.tenSecondly.msUntilSlot(now) };
    } else if (limits.secondly !== null && this.secondly.count(now) >= limits.secondly) {
      refusal = { policy: 'SECONDLY', retryAfterMs: this.secondly.msUntilSlot(now) };
    }
    if (refusal) {
      return {
        allowed: false,
        policy: refusal.policy,
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)),
        headers: this.headers(now),
      };
    }
    this.dailyUsed += 1;
    if (isSearch) {
      this.search.add(now);
    } else {
      this.tenSecondly.add(now);
      this.secondly.add(now);
    }
    return { allowed: true, headers: this.headers(now) };
  }

  /** The X-HubSpot-RateLimit-* headers as of now. */
  headers(now = Date.now()): Record<string, string> {
    this.rollDay(now);
    const limits = this.limits;
    const secondlyMax = limits.secondly ?? Math.ceil(limits.tenSecondly / 10);
    return {
      'X-HubSpot-RateLimit-Daily': String(limits.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, limits.daily - this.dailyUsed)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(TEN_SECONDS_MS),
      'X-HubSpot-RateLimit-Max': String(limits.tenSecondly),
      'X-HubSpot-RateLimit-Remaining': String(
        Math.max(0, limits.tenSecondly - this.tenSecondly.count(now)),
      ),
      'X-HubSpot-RateLimit-Secondly': String(secondlyMax),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(
        Math.max(0, secondlyMax - this.secondly.count(now)),
      ),
    };
  }

  getLimits(): HubSpotRateLimits & { dailyUsed: number } {
    this.rollDay(Date.now());
    return { ...this.limits, dailyUsed: this.dailyUsed };
  }

  /** Runtime change (`POST /__sim/limits`); usage so far is kept. `dailyUsed` may be set too. */
  updateLimits(patch: unknown): HubSpotRateLimits & { dailyUsed: number } {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new SimAdminException('limits body must be a JSON object');
    }
    const next = { ...this.limits };
    for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
      if (key === 'secondly' && value === null) {
        next.secondly = null;
        continue;
      }
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new SimAdminException(`${key} must be a non-negative integer`);
      }
      if (key === 'dailyUsed') {
        this.rollDay(Date.now());
        this.dailyUsed = value;
      } else if (
        key === 'daily' ||
        key === 'tenSecondly' ||
        key === 'secondly' ||
        key === 'searchPerSecond'
      ) {
        next[key] = value;
      } else {
        throw new SimAdminException(`unknown limit '${key}'`);
      }
    }
    this.limits = next;
    return this.getLimits();
  }

  reset(): void {
    this.limits = HubSpotRateLimiter.initialLimits(this.options);
    this.tenSecondly.clear();
    this.secondly.clear();
    this.search.clear();
    this.dailyUsed = 0;
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dailyUsed = 0;
    }
  }

  private static initialLimits(options: HubSpotSimOptions): HubSpotRateLimits {
    return { ...HUBSPOT_DEFAULT_LIMITS, ...options.limits };
  }
}
