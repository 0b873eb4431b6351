import { MetricsRegistry } from '@syncline/observability';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { ReplicationSlotReader } from '../services/replication-slot.reader';
import { SlotStallDetector } from '../services/slot-stall.detector';
import { SlotHealth } from '../types/slot-health.type';
import { SlotHealthProbe } from './slot-health.probe';

describe(SlotHealthProbe.name, () => {
  it('exports the slot, then drops its WAL gauges and names it once it is gone', async () => {
    let health: SlotHealth | undefined = {
      slot: 'syncline',
      active: true,
      retainedWalBytes: 2048,
      confirmedFlushLagBytes: 1024,
    };
    const reader = { read: async () => health } as unknown as ReplicationSlotReader;
    const metrics = new PipelineHealthMetrics(new MetricsRegistry('test'));
    const probe = new SlotHealthProbe('syncline', reader, new SlotStallDetector(1e9, 1), metrics);
    const values = async (): Promise<Record<string, number[]>> => {
      const gauges = [
        metrics.slotRetainedWalBytes,
        metrics.slotConfirmedFlushLagBytes,
        metrics.slotActive,
      ];
      const out: Record<string, number[]> = {};
      for (const gauge of gauges) {
        const { name, values: series } = await gauge.get();
        out[name] = series.map((v) => v.value);
      }
      return out;
    };

    await probe.sample();
    expect(probe.problem()).toBeUndefined();
    expect(await values()).toEqual({
      syncline_replication_slot_retained_wal_bytes: [2048],
      syncline_replication_slot_confirmed_flush_lag_bytes: [1024],
      syncline_replication_slot_active: [1],
    });

    health = undefined;
    await probe.sample();
    expect(probe.problem()).toBe(
      'replication slot syncline not found (is the connector registered?)',
    );
    expect(await values()).toEqual({
      syncline_replication_slot_retained_wal_bytes: [],
      syncline_replication_slot_confirmed_flush_lag_bytes: [],
      syncline_replication_slot_active: [0],
    });
  });
});
