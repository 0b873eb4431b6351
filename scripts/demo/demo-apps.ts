import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ReconcileReport } from '@syncline/reconcile';
import { freePort } from '../support/free-port';
import { AppName, LocalApp } from '../support/local-app';
import { PrometheusTargets } from '../support/prometheus-targets';
import { DemoFailure } from './output/demo-failure';

/** What a reconciler run logged at the end (`reconcile <kind> finished: <status>`). */
export type ReconcileSummary = Pick<
  ReconcileReport,
  'totals' | 'rows' | 'errors' | 'errorCount'
> & {
  msg: string;
  runId: string;
};

/**
 * The apps the demo runs, as built processes (`LocalApp`) with their logs and pids in the
 * stack's `apps/` folder, where `scripts/stack down` finds them. With `detached` (--keep) they
 * outlive the demo.
 */
export class DemoApps {
  private readonly started: LocalApp[] = [];
  private readonly scrapeTargets: PrometheusTargets | undefined;

  constructor(
    readonly logDir: string,
    private readonly detached: boolean,
    private readonly env: Record<string, string>,
  ) {
    this.scrapeTargets = PrometheusTargets.fromEnv({ ...process.env, ...env });
  }

  /** Apps an earlier `--keep` run left would share the ports and consumer groups: refuse. */
  assertNoneRunning(): void {
    if (!existsSync(this.logDir)) return;
    for (const file of readdirSync(this.logDir).filter((name) => name.endsWith('.pid'))) {
      const pid = Number(readFileSync(join(this.logDir, file), 'utf8'));
      if (pid > 0 && isAlive(pid)) {
        throw new DemoFailure(
          `${file.replace(/\.pid$/, '')} (pid ${pid}) from an earlier run is still running; ` +
            'stop it first: scripts/stack down',
        );
      }
    }
  }

  start(app: AppName, env: Record<string, string>, label: string = app): LocalApp {
    const started = LocalApp.start(app, {
      env: { ...this.env, ...env },
      logDir: this.logDir,
      label,
      detached: this.detached,
    });
    this.started.push(started);
    // With the stack's Prometheus up, it scrapes the apps that export metrics (ops or HTTP port).
    const metricsPort = Number(env.SYNCLINE_OPS_PORT ?? env.SYNCLINE_HTTP_PORT);
    if (app !== 'crm-sim' && metricsPort > 0) {
      this.scrapeTargets?.add(`demo-${label}`, metricsPort, app);
    }
    return started;
  }

  /**
   * Runs the reconciler CLI to the end, as the CronJob would, and returns its exit code and the
   * summary it logged.
   */
  async reconcile(
    args: readonly string[],
    label: string,
    timeoutMs = 120_000,
  ): Promise<{ code: number | null; summary?: ReconcileSummary; logFile: string }> {
    const logFile = join(this.logDir, `${label}.log`);
    const offset = existsSync(logFile) ? statSync(logFile).size : 0;
    // A one-shot: never detached, so it cannot outlive the demo.
    const run = LocalApp.start('reconciler', {
      env: { ...this.env, SYNCLINE_RECONCILE_GRACE_MS: '0' },
      args,
      logDir: this.logDir,
      label,
    });
    const timer = setTimeout(() => {
      run.stop('SIGKILL').catch((error: unknown) => console.error(`killing ${label}:`, error));
    }, timeoutMs);
    const code = await run.finished();
    clearTimeout(timer);
    rmSync(join(this.logDir, `${label}.pid`), { force: true });
    const output = readFileSync(logFile, 'utf8').slice(offset);
    const summary = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as ReconcileSummary)
      .find((line) => /^reconcile (cache|crm) finished/.test(String(line.msg)));
    return { code, summary, logFile };
  }

  /** Stops what this run started (SIGTERM, drain), newest first, and removes their pid files. */
  async stopAll(): Promise<void> {
    for (const app of [...this.started].reverse()) {
      await app.stop();
      rmSync(join(this.logDir, `${app.label}.pid`), { force: true });
      this.scrapeTargets?.remove(`demo-${app.label}`);
    }
    this.started.length = 0;
  }
}

/** `preferred` when nobody listens there, else a free port the kernel picks. */
export async function portOrFree(preferred: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
