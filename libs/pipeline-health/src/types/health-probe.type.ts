/**
 * One thing the HealthSampler watches on an interval. `sample` reads it and updates the metrics
 * (a rejection is an outage of whatever it reads, logged once and counted); `problem` names what
 * makes the app unready, from the last sample, without I/O.
 */
export interface HealthProbe {
  readonly name: string;
  sample(): Promise<void>;
  problem?(): string | undefined;
}
