import { randomUUID } from 'node:crypto';
import { RedisClient } from '../types/redis-client.type';
import { CacheUnavailableException } from '../exceptions/cache-unavailable.exception';
import { ACQUIRE_RATE_SLOT_LUA, BLOCK_DESTINATION_LUA } from '../scripts/acquire-rate-slot.lua';
import { RateDecision } from '../types/rate-decision.type';
import { RateLimit } from '../types/rate-limit.type';
import { CacheKeyBuilder } from './cache-key.builder';

type RedisWithLimiter = RedisClient & {
  acquireRateSlot(
    windowKey: string,
    dayKey: string,
    blockedKey: string,
    limit: number,
    windowMs: number,
    dailyLimit: number,
    msToMidnight: number,
    member: string,
    cost: number,
  ): Promise<[number, number, number]>;
  blockDestination(blockedKey: string, holdMs: number): Promise<number>;
};

const REASONS = { 1: 'window', 2: 'daily', 3: 'blocked' } as const;

/**
 * Rate limits per destination, kept in Redis so that every delivery-worker replica draws from the
 * same allowance. Adaptive: a 429's Retry-After or a response saying the allowance is spent holds
 * the destination off for everyone (`holdOff`).
 */
export class SharedRateLimiter {
  private readonly redis: RedisWithLimiter;

  constructor(
    redis: RedisClient,
    private readonly keys: CacheKeyBuilder = new CacheKeyBuilder(),
  ) {
    if (!('acquireRateSlot' in redis)) {
      redis.defineCommand('acquireRateSlot', { numberOfKeys: 3, lua: ACQUIRE_RATE_SLOT_LUA });
      redis.defineCommand('blockDestination', { numberOfKeys: 1, lua: BLOCK_DESTINATION_LUA });
    }
    this.redis = redis as RedisWithLimiter;
  }

  /** Takes `cost` slots (the HTTP requests one connector call makes) at once, or none. */
  async tryAcquire(
    destinationId: string,
    limit: RateLimit,
    cost = 1,
    now = new Date(),
  ): Promise<RateDecision> {
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    try {
      const [waitMs, used, reason] = await this.redis.acquireRateSlot(
        this.keys.rateWindow(destinationId),
        this.keys.rateDay(destinationId, day),
        this.keys.rateBlockedUntil(destinationId),
        limit.requestsPerInterval,
        guardedWindowMs(limit.intervalMs),
        limit.dailyLimit ?? 0,
        Math.max(1, midnight - now.getTime()),
        randomUUID(),
        cost,
      );
      if (waitMs === 0) return { granted: true, used };
      return { granted: false, waitMs, used, reason: REASONS[reason as 1 | 2 | 3] };
    } catch (error) {
      throw new CacheUnavailableException('rate limiter unavailable', { cause: error });
    }
  }

  /** Waits (in bounded sleeps) until a slot is granted or `deadlineMs` passes; returns the decision. */
  async acquire(
    destinationId: string,
    limit: RateLimit,
    maxWaitMs: number,
    cost = 1,
  ): Promise<RateDecision> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const decision = await this.tryAcquire(destinationId, limit, cost);
      if (decision.granted || Date.now() + decision.waitMs > deadline) return decision;
      await new Promise((resolve) => setTimeout(resolve, decision.waitMs));
    }
  }

  /** Holds the destination off for `holdMs` on every replica (Retry-After, spent allowance). */
  async holdOff(destinationId: string, holdMs: number): Promise<void> {
    try {
      await this.redis.blockDestination(
        this.keys.rateBlockedUntil(destinationId),
        Math.max(1, Math.round(holdMs)),
      );
    } catch (error) {
      throw new CacheUnavailableException('rate limiter unavailable', { cause: error });
    }
  }

  /** Calls made in the current window: for the utilisation metric. */
  async used(destinationId: string, limit: RateLimit): Promise<number> {
    const key = this.keys.rateWindow(destinationId);
    return this.redis.zcount(key, Date.now() - limit.intervalMs, '+inf');
  }
}

/**
 * The window the limiter counts over is a little longer than the destination's: a request leaves
 * a few ms after its slot is granted, and network jitter must not let the CRM see one call too
 * many in its own window.
 */
function guardedWindowMs(intervalMs: number): number {
  return intervalMs + Math.max(100, Math.round(intervalMs * 0.1));
}
