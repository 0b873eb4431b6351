import { CrmCallLog } from './crm-call-log';
import { CrmHopTracker } from './crm-hop-tracker';
import { HopBreakdown, type HopBreakdownResult } from './hop-breakdown';
import { noticeHops, type NoticeClocks } from './notice-hops';

/**
 * The per-hop breakdown of one run: the cache path from each notice's clocks, the CRM path from
 * the simulator's records and calls. Only changes committed in the measured phase count.
 */
export class PipelineHops {
  readonly crmCalls = new CrmCallLog();
  private readonly crm = new CrmHopTracker(this.crmCalls, (sample) =>
    this.breakdown?.record(sample),
  );
  private breakdown?: HopBreakdown;
  private originMs = Infinity;

  constructor(private readonly windowMs = 5000) {}

  /** The measured phase begins: hops are windowed from here. */
  start(originMs: number): void {
    this.originMs = originMs;
    this.breakdown = new HopBreakdown(originMs, this.windowMs);
  }

  noticed(key: string, version: number, op: 'upsert' | 'delete', clocks: NoticeClocks): void {
    this.crm.applied(key, version, op, clocks.observedAt);
    const committedAt = clocks.trace?.committedAt ?? clocks.trace?.receivedAt ?? clocks.observedAt;
    if (!this.breakdown || committedAt < this.originMs) return;
    for (const sample of noticeHops(clocks)) this.breakdown.record(sample);
  }

  crmCommitted(key: string, marker: number, version: number): void {
    this.crm.committed(key, marker, version);
  }

  crmStored(key: string, marker: number, storedAt: number): void {
    this.crm.stored(key, marker, storedAt);
  }

  /** After each poll of the CRM; `final` gives up on what is still unmatched. */
  resolveCrm(final = false): void {
    const now = Date.now();
    this.crm.resolve(final ? Infinity : now);
    this.crmCalls.forgetBefore(now - 30_000);
  }

  result(): HopBreakdownResult {
    return this.breakdown?.result() ?? { windowMs: this.windowMs, hops: [] };
  }
}
