import { AppName, LocalApp } from '../support/local-app';

interface Supervised {
  app: AppName;
  label: string;
  env: Record<string, string>;
  readyUrl: string;
  current: LocalApp;
  /** Set while the chaos kills it on purpose: that exit is expected. */
  killing: boolean;
}

/** An exit nobody asked for: what Kubernetes would show as a restart. */
export interface UnexpectedExit {
  label: string;
  code: number | null;
  atMs: number;
}

/**
 * Runs the apps the way a Deployment would: an app that exits is started again (after a second),
 * whether the chaos killed it or it died by itself; exits nobody asked for are recorded.
 */
export class AppSupervisor {
  private readonly apps = new Map<string, Supervised>();
  readonly unexpectedExits: UnexpectedExit[] = [];
  private stopping = false;
  private readonly startedAt = Date.now();
  /** Restarts under way (an exit seen, the new process not yet started). */
  private readonly restarts = new Set<Promise<void>>();

  constructor(
    private readonly logDir: string,
    /** Prefixes log and pid file names, so runs sharing the folder keep their own. */
    private readonly filePrefix = '',
  ) {}

  async start(
    app: AppName,
    label: string,
    env: Record<string, string>,
    readyUrl: string,
  ): Promise<void> {
    const supervised: Supervised = {
      app,
      label,
      env,
      readyUrl,
      current: LocalApp.start(app, { env, logDir: this.logDir, label: this.filePrefix + label }),
      killing: false,
    };
    this.apps.set(label, supervised);
    this.watch(supervised);
    await supervised.current.waitUntilHealthy(readyUrl, 180_000);
  }

  /** SIGKILL, like an OOM kill or a lost node; the supervisor starts it again. */
  kill(label: string): void {
    const supervised = this.apps.get(label);
    if (!supervised) throw new Error(`no app ${label}`);
    supervised.killing = true;
    process.kill(supervised.current.pid ?? 0, 'SIGKILL');
  }

  /** Every app answers ready again (after kills and restarts). */
  async allReady(timeoutMs = 180_000): Promise<void> {
    await Promise.all([...this.restarts]);
    await Promise.all(
      [...this.apps.values()].map((s) => s.current.waitUntilHealthy(s.readyUrl, timeoutMs)),
    );
  }

  /** SIGTERM in reverse start order (graceful drain). */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.restarts]);
    for (const supervised of [...this.apps.values()].reverse()) await supervised.current.stop();
    this.apps.clear();
  }

  private watch(supervised: Supervised): void {
    const instance = supervised.current;
    instance
      .finished()
      .then((code) => {
        if (this.stopping || supervised.current !== instance) return;
        if (!supervised.killing) {
          this.unexpectedExits.push({
            label: supervised.label,
            code,
            atMs: Date.now() - this.startedAt,
          });
        }
        supervised.killing = false;
        const restart = this.restart(supervised);
        this.restarts.add(restart);
        return restart.finally(() => this.restarts.delete(restart));
      })
      .catch((error: unknown) => console.error(`[chaos] restarting ${supervised.label}:`, error));
  }

  private async restart(supervised: Supervised): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (this.stopping) return;
    supervised.current = LocalApp.start(supervised.app, {
      env: supervised.env,
      logDir: this.logDir,
      label: this.filePrefix + supervised.label,
    });
    this.watch(supervised);
  }
}
