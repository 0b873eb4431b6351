import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { waitFor } from './wait-for';
import { WORKER_NODE_FLAGS } from './worker-node-flags.constant';

// Run from sources (ts-node) or compiled (dist/scripts/support): the apps are always the built ones.
const compiled = __dirname.split(sep).includes('dist');
const repo = join(__dirname, compiled ? '../../..' : '../..');
const distRoot = join(repo, 'dist');

export type AppName = 'sync-worker' | 'delivery-worker' | 'cache-api' | 'crm-sim' | 'reconciler';

const WORKERS: ReadonlySet<AppName> = new Set(['sync-worker', 'delivery-worker']);

/**
 * `SYNCLINE_CPU_PROFILE=cache-api,sync-worker` (or `all`): those apps write a V8 CPU profile to
 * bench-results/profiles/ when they stop (open it in Chrome DevTools or speedscope).
 */
function profileFlags(app: AppName): string[] {
  const wanted = (process.env.SYNCLINE_CPU_PROFILE ?? '').split(',').map((name) => name.trim());
  if (!wanted.includes(app) && !wanted.includes('all')) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${join(repo, 'bench-results/profiles')}`];
}

export interface LocalAppOptions {
  /** Settings on top of the current environment (the stack's `SYNCLINE_*` variables). */
  env?: Record<string, string>;
  args?: readonly string[];
  /** Extra Node flags before the script (e.g. `--cpu-prof` for a profile). */
  nodeArgs?: readonly string[];
  /** Folder for `<label>.log` and `<label>.pid` (`scripts/stack down` stops `<stack>/apps/*.pid`). */
  logDir: string;
  /** Defaults to the app name; give replicas their own (`sync-worker-2`). */
  label?: string;
  /** Outlive this process (demo `--keep`); `scripts/stack down` stops it later. */
  detached?: boolean;
}

/**
 * One built app as a plain process, the way a container runs it: the production Node flags, its
 * output in a log file, its pid where `scripts/stack down` finds it. Used by the demo, the load test
 * and the benchmarks (the integration tests use test/integration/support/app-process.ts instead,
 * which runs the sources through ts-node).
 */
export class LocalApp {
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly exited: Promise<void>;

  private constructor(
    readonly label: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      }),
    );
  }

  static start(app: AppName, options: LocalAppOptions): LocalApp {
    const label = options.label ?? app;
    mkdirSync(options.logDir, { recursive: true });
    const logFile = join(options.logDir, `${label}.log`);
    const log = openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        ...(WORKERS.has(app) ? WORKER_NODE_FLAGS : []),
        ...(options.nodeArgs ?? []),
        ...profileFlags(app),
        join(distRoot, `apps/${app}/src/main.js`),
        ...(options.args ?? []),
      ],
      {
        cwd: repo,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', log, log],
        detached: options.detached ?? false,
      },
    );
    closeSync(log);
    if (options.detached) child.unref();
    writeFileSync(join(options.logDir, `${label}.pid`), String(child.pid ?? ''));
    return new LocalApp(label, logFile, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Waits until `url` answers 2xx (a health endpoint); fails early if the app exits. */
  async waitUntilHealthy(url: string, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `${this.label} at ${url}`,
      async () => {
        if (!this.running)
          throw new Error(`${this.label} exited (${this.describeExit()}); see ${this.logFile}`);
        const response = await fetch(url);
        return response.ok ? true : undefined;
      },
      { timeoutMs, hint: `; see ${this.logFile}` },
    );
  }

  /** Resolves with the exit code (for one-shot apps such as the reconciler). */
  async finished(): Promise<number | null> {
    await this.exited;
    return this.exit?.code ?? null;
  }

  /** SIGTERM (graceful drain), then SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private describeExit(): string {
    return this.exit?.signal ? `signal ${this.exit.signal}` : `code ${this.exit?.code}`;
  }
}
