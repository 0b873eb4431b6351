import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_CALL_LOG_LIMIT } from '../constants/default-call-log-limit.constant';
import { SIM_LISTEN_OPTIONS } from '../constants/sim-listen-options.token';
import type { SimCall } from '../types/sim-call.type';
import type { SimListenOptions } from '../types/sim-listen-options.type';
import type { SimStats } from '../types/sim-stats.type';

/** Every API call with its outcome, for tests ("one batch call, not fifty") and `/__sim/stats`. */
@Injectable()
export class SimCallLogService {
  private readonly limit: number;
  private calls: SimCall[] = [];
  private seq = 0;
  private stats: SimStats = SimCallLogService.emptyStats();

  constructor(@Inject(SIM_LISTEN_OPTIONS) options: SimListenOptions) {
    this.limit = options.callLogLimit ?? DEFAULT_CALL_LOG_LIMIT;
  }

  record(call: Omit<SimCall, 'seq'>, outcome: { limitExceeded: boolean }): SimCall {
    this.seq += 1;
    const entry: SimCall = { seq: this.seq, ...call };
    this.calls.push(entry);
    if (this.calls.length > this.limit) this.calls.splice(0, this.calls.length - this.limit);

    const stats = this.stats;
    stats.calls += 1;
    const key = String(call.status);
    stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
    if (call.status === 429) stats.throttled += 1;
    if (outcome.limitExceeded) stats.limitExceeded += 1;
    if (call.status === 0) stats.connectionResets += 1;
    stats.items += call.items;
    stats.itemErrors += call.itemErrors;
    return entry;
  }

  /** Calls after `sinceSeq` (all when absent), oldest first. */
  list(sinceSeq = 0): SimCall[] {
    return sinceSeq > 0 ? this.calls.filter((c) => c.seq > sinceSeq) : [...this.calls];
  }

  getStats(): SimStats {
    return { ...this.stats, byStatus: { ...this.stats.byStatus } };
  }

  clear(): void {
    this.calls = [];
    this.stats = SimCallLogService.emptyStats();
  }

  private static emptyStats(): SimStats {
    return {
      calls: 0,
      byStatus: {},
      throttled: 0,
      limitExceeded: 0,
      connectionResets: 0,
      items: 0,
      itemErrors: 0,
    };
  }
}
