import { SlotHealth } from '../types/slot-health.type';
import { SlotStallDetector } from './slot-stall.detector';

const slot = (lag: number, active = true): SlotHealth => ({
  slot: 'syncline',
  active,
  retainedWalBytes: lag,
  confirmedFlushLagBytes: lag,
});

describe(SlotStallDetector.name, () => {
  it('calls a missing or inactive slot stalled at once', () => {
    const detector = new SlotStallDetector(1000, 60_000);
    expect(detector.observe(undefined, 0)).toMatch(/^replication slot not found/);
    expect(detector.observe(slot(0, false), 0)).toBe('replication slot syncline is inactive');
    expect(detector.observe(slot(0), 1)).toBeUndefined();
  });

  it('calls a slot stalled once its lag stayed over the threshold, never shrinking, for the period', () => {
    const detector = new SlotStallDetector(1000, 60_000);
    expect(detector.observe(slot(2000), 0)).toBeUndefined();
    expect(detector.observe(slot(3000), 30_000)).toBeUndefined();
    expect(detector.observe(slot(4000), 60_000)).toMatch(/4000 bytes behind .* 60s/);
  });

  it('starts counting again when the lag shrinks or dips under the threshold', () => {
    const detector = new SlotStallDetector(1000, 60_000);
    detector.observe(slot(5000), 0);
    expect(detector.observe(slot(4000), 50_000)).toBeUndefined(); // shrank: working through it
    expect(detector.observe(slot(4500), 100_000)).toBeUndefined(); // 50 s since it shrank
    expect(detector.observe(slot(4600), 110_000)).toMatch(/behind/);
    expect(detector.observe(slot(10), 120_000)).toBeUndefined();
    expect(detector.observe(slot(5000), 130_000)).toBeUndefined();
  });
});
