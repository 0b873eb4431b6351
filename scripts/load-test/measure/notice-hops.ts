import type { ChangeTrace } from '@syncline/events';
import type { HopName } from './hop-names.constant';

/** One hop of one change: how long it took and when (ms since epoch) it ended. */
export interface HopSample {
  hop: HopName;
  ms: number;
  endAt: number;
}

/** The clocks a record-changed notice gives us, from the commit to our receipt of the notice. */
export interface NoticeClocks {
  trace?: ChangeTrace;
  observedAt: number;
  /** The notice's Kafka record timestamp (undefined if the broker gave none). */
  producedAt?: number;
  receivedAt: number;
}

/** The hops of the cache path; a hop with either clock unknown is skipped, never counted as 0. */
export function noticeHops(clocks: NoticeClocks): HopSample[] {
  const { trace } = clocks;
  const pairs: [HopName, number | undefined, number | undefined][] = [
    ['commit -> Debezium emit', trace?.committedAt, trace?.emittedAt],
    ['emit -> Kafka append', trace?.emittedAt, trace?.appendedAt],
    ['append -> worker received', trace?.appendedAt, trace?.receivedAt],
    ['received -> Redis applied', trace?.receivedAt, clocks.observedAt],
    ['applied -> notice produced', clocks.observedAt, clocks.producedAt],
    ['notice -> load test (overhead)', clocks.producedAt, clocks.receivedAt],
  ];
  const hops: HopSample[] = [];
  for (const [hop, from, to] of pairs)
    if (from !== undefined && to !== undefined) hops.push({ hop, ms: to - from, endAt: to });
  return hops;
}
