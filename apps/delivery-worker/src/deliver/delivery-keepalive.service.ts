import { Logger } from '@nestjs/common';
import { DeliveryProgress } from '../types/delivery-progress.type';

/** While one CRM call runs (up to its 30 s timeout), heartbeat this often. */
const TICK_MS = 3000;

/**
 * Keeps a batch's Kafka membership alive while it waits or calls the CRM, and says when the
 * partition is no longer ours (then the batch stops before its next call, uncommitted). A failed
 * heartbeat is logged, not thrown: kafkajs rejects it on a rebalance, and `stillOwned` or the
 * commit is what decides.
 */
export class DeliveryKeepalive {
  private readonly logger = new Logger(DeliveryKeepalive.name);

  constructor(private readonly progress?: DeliveryProgress) {}

  owned(): boolean {
    return this.progress?.stillOwned() ?? true;
  }

  async beat(): Promise<void> {
    if (!this.progress) return;
    try {
      await this.progress.heartbeat();
    } catch (error) {
      this.logger.warn(
        `heartbeat failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Sleeps `ms` in short steps, heartbeating between them; false when ownership was lost. */
  async wait(ms: number): Promise<boolean> {
    for (let left = ms; left > 0; left -= TICK_MS) {
      await this.beat();
      if (!this.owned()) return false;
      await sleep(Math.min(left, TICK_MS));
    }
    await this.beat();
    return this.owned();
  }

  /** Runs `work`, heartbeating every few seconds until it settles. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    if (!this.progress) return work();
    let ticks: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      ticks = ticks.then(() => this.beat());
    }, TICK_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await ticks;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
