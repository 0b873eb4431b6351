import { Logger } from '@nestjs/common';
import { EachBatchPayload } from 'kafkajs';

/**
 * One batch's hold on its partition: `heartbeat()` keeps the membership alive and never rejects
 * (a rejected heartbeat used to end the process), `stillOwned()` says whether the batch may still
 * act and commit, `wait()` sleeps in heartbeat-sized slices so a retry delay never outlasts the
 * session, `keepAlive()` heartbeats in the background while a long piece of work runs.
 */
export class PartitionLease {
  private readonly logger = new Logger(PartitionLease.name);
  private lastHeartbeatError?: string;

  constructor(
    private readonly payload: Pick<EachBatchPayload, 'heartbeat' | 'isRunning'>,
    private readonly owned: () => boolean,
    private readonly onKafkaError: (error: unknown) => boolean,
    private readonly heartbeatIntervalMs: number,
  ) {}

  stillOwned(): boolean {
    return this.payload.isRunning() && this.owned();
  }

  async heartbeat(): Promise<void> {
    if (!this.stillOwned()) return;
    try {
      await this.payload.heartbeat();
      this.lastHeartbeatError = undefined;
    } catch (error) {
      // A rebalance ends the lease; an unreachable coordinator does not (yet): the work goes on
      // and the broker decides when the session expired (the next heartbeat then says so).
      if (this.onKafkaError(error)) return;
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastHeartbeatError)
        this.logger.warn(`heartbeat failed, still working: ${message}`);
      this.lastHeartbeatError = message;
    }
  }

  /**
   * Sleeps `ms`, heartbeating; resolves false as soon as the partition is no longer ours. It always
   * heartbeats at least once, so a retry after even a 1 ms wait first learns of a rebalance.
   */
  async wait(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    do {
      const left = until - Date.now();
      if (left > 0) await sleep(Math.min(left, this.heartbeatIntervalMs));
      await this.heartbeat();
    } while (this.stillOwned() && Date.now() < until);
    return this.stillOwned();
  }

  /** Runs `work`, heartbeating every interval until it settles. */
  async keepAlive<T>(work: () => Promise<T>): Promise<T> {
    let beating: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      // One heartbeat at a time; heartbeat() never rejects.
      beating = beating.then(() => this.heartbeat());
    }, this.heartbeatIntervalMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await beating;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
