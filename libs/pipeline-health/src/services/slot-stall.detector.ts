import { SlotHealth } from '../types/slot-health.type';

/**
 * Decides when a replication slot is stalled: inactive (nobody streams from it), or its
 * confirmed-flush lag stayed above `thresholdBytes` for `periodMs` without shrinking below where
 * it crossed. A busy but keeping-up connector dips under the threshold or shrinks; a stuck one
 * only grows.
 */
export class SlotStallDetector {
  private over?: { sinceMs: number; lagAtCrossing: number };

  constructor(
    private readonly thresholdBytes: number,
    private readonly periodMs: number,
  ) {}

  /** Feeds one sample (undefined: the slot does not exist); returns why it is stalled, or undefined. */
  observe(slot: SlotHealth | undefined, nowMs: number): string | undefined {
    if (!slot) {
      this.over = undefined;
      return 'replication slot not found (is the connector registered?)';
    }
    const lag = slot.confirmedFlushLagBytes;
    if (lag <= this.thresholdBytes) {
      this.over = undefined;
    } else if (!this.over || lag < this.over.lagAtCrossing) {
      // Crossed just now, or shrank: the connector is working through it, start counting again.
      this.over = { sinceMs: nowMs, lagAtCrossing: lag };
    }
    if (!slot.active) return `replication slot ${slot.slot} is inactive`;
    if (this.over && nowMs - this.over.sinceMs >= this.periodMs) {
      return (
        `replication slot ${slot.slot} is ${lag} bytes behind and has not caught up for ` +
        `${Math.round((nowMs - this.over.sinceMs) / 1000)}s`
      );
    }
    return undefined;
  }
}
