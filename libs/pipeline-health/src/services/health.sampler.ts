import { Logger } from '@nestjs/common';
import { HealthProbe } from '../types/health-probe.type';
import { PipelineHealthMetrics } from './pipeline-health.metrics';

/**
 * Runs its probes on an interval, off the hot path (a timer, never awaited by a batch), one round
 * at a time. A failing probe is counted every time and logged once per outage (and once when it
 * recovers), so a database that is down for an hour writes two lines, not 240.
 */
export class HealthSampler {
  private readonly logger = new Logger(HealthSampler.name);
  private readonly failing = new Set<string>();
  private timer?: NodeJS.Timeout;
  private round: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly probes: readonly HealthProbe[],
    private readonly intervalMs: number,
    private readonly metrics: PipelineHealthMetrics,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** What makes the app unready now, from the last samples ([] = nothing). */
  problems(): string[] {
    return this.probes
      .map((probe) => probe.problem?.())
      .filter((problem): problem is string => problem !== undefined);
  }

  /** One round of every probe; resolves when all settled (never rejects). */
  async sampleOnce(): Promise<void> {
    await Promise.all(this.probes.map((probe) => this.sampleProbe(probe)));
  }

  private tick(): void {
    // A round slower than the interval (an unreachable host timing out) is not stacked up.
    if (this.running) return;
    this.running = true;
    this.round = this.sampleOnce().finally(() => {
      this.running = false;
    });
  }

  private async sampleProbe(probe: HealthProbe): Promise<void> {
    try {
      await probe.sample();
      if (this.failing.delete(probe.name)) this.logger.log(`health probe ${probe.name} recovered`);
    } catch (error) {
      this.metrics.probeErrors.inc({ probe: probe.name });
      if (this.failing.has(probe.name)) return;
      this.failing.add(probe.name);
      this.logger.warn(
        `health probe ${probe.name} failed (logged once until it recovers): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
