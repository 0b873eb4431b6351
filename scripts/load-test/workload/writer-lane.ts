import type { Pool } from 'pg';
import { ChangeGenerator } from './change-generator';
import type { PlannedBatch } from './planned-batch.type';
import type { CommittedChange } from './postgres-change-writer';
import { TokenSchedule } from './token-schedule';

export interface WriterLaneHooks {
  /** Before the statement is sent (register keys for early notices). */
  planned(batch: PlannedBatch): void;
  committed(changes: CommittedChange[], committedAt: number, batch: PlannedBatch): void;
  failed(error: unknown): void;
  /** May this lane issue `n` more changes? (the run's --count budget) */
  take(n: number): number;
  /** How late the lane is against its schedule, sampled once per batch. */
  behind(lagMs: number): void;
}

/** Writes one planned batch (the demo table's statement, or any collection's). */
export type BatchWriter = (pool: Pool, batch: PlannedBatch) => Promise<CommittedChange[]>;

/**
 * One Postgres connection's share of the rate: issues whatever its token schedule has due (at
 * most maxBatch per statement), one statement at a time, until `stopped()`.
 */
export async function runWriterLane(
  pool: Pool,
  write: BatchWriter,
  generator: ChangeGenerator,
  schedule: TokenSchedule,
  maxBatch: number,
  hooks: WriterLaneHooks,
  stopped: () => boolean,
): Promise<void> {
  let issued = 0;
  while (!stopped()) {
    const now = Date.now();
    const due = schedule.due(now, issued);
    if (due === 0) {
      await sleep(Math.max(1, Math.min(50, schedule.msUntilNext(now, issued))));
      continue;
    }
    hooks.behind(schedule.lagMs(now, issued + Math.min(due, maxBatch)));
    const size = hooks.take(Math.min(due, maxBatch));
    if (size === 0) return;
    issued += size;
    const batch = generator.next(size);
    hooks.planned(batch);
    try {
      const changes = await write(pool, batch);
      const committedAt = Date.now();
      generator.committed(batch);
      hooks.committed(changes, committedAt, batch);
    } catch (error) {
      generator.failed(batch);
      hooks.failed(error);
      await sleep(100);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
