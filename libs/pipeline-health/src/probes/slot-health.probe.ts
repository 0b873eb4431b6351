import { ReplicationSlotReader } from '../services/replication-slot.reader';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { SlotStallDetector } from '../services/slot-stall.detector';
import { HealthProbe } from '../types/health-probe.type';

/** The Debezium slot: retained WAL, confirmed-flush lag and activity; unready when it stalls. */
export class SlotHealthProbe implements HealthProbe {
  readonly name = 'replication_slot';
  private stalled?: string;

  constructor(
    private readonly slot: string,
    private readonly reader: ReplicationSlotReader,
    private readonly detector: SlotStallDetector,
    private readonly metrics: PipelineHealthMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  async sample(): Promise<void> {
    const health = await this.reader.read(this.slot);
    const stalled = this.detector.observe(health, this.now());
    this.stalled = health
      ? stalled
      : `replication slot ${this.slot} not found (is the connector registered?)`;
    if (!health) {
      // No slot, no series: a stale value would claim WAL that nothing retains.
      for (const gauge of this.slotGauges()) gauge.remove({ slot: this.slot });
      this.metrics.slotActive.set({ slot: this.slot }, 0);
      return;
    }
    this.metrics.slotRetainedWalBytes.set({ slot: this.slot }, health.retainedWalBytes);
    this.metrics.slotConfirmedFlushLagBytes.set({ slot: this.slot }, health.confirmedFlushLagBytes);
    this.metrics.slotActive.set({ slot: this.slot }, health.active ? 1 : 0);
  }

  problem(): string | undefined {
    return this.stalled;
  }

  private slotGauges() {
    return [this.metrics.slotRetainedWalBytes, this.metrics.slotConfirmedFlushLagBytes];
  }
}
