import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Scrape targets for the local stack's Prometheus (file_sd: one JSON file per app in
 * SYNCLINE_PROMETHEUS_TARGETS_DIR, see docs/operations.md). Apps listen on ports chosen when they
 * start, so whoever starts one announces it here and withdraws it when the app stops.
 */
export class PrometheusTargets {
  constructor(private readonly dir: string) {}

  /** The stack's targets folder when its Prometheus runs, else undefined (nothing to announce). */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): PrometheusTargets | undefined {
    const dir = env.SYNCLINE_PROMETHEUS_TARGETS_DIR;
    return dir ? new PrometheusTargets(dir) : undefined;
  }

  /** `127.0.0.1:<port>` as target `name`, with the `job` label naming the app. */
  add(name: string, port: number, job: string): void {
    mkdirSync(this.dir, { recursive: true });
    const targets = [{ targets: [`127.0.0.1:${port}`], labels: { job } }];
    writeFileSync(this.fileOf(name), JSON.stringify(targets));
  }

  remove(name: string): void {
    rmSync(this.fileOf(name), { force: true });
  }

  private fileOf(name: string): string {
    return join(this.dir, `${name}.json`);
  }
}
