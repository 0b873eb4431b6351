import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';

const repo = join(__dirname, '../../..');

/**
 * One of our apps as a real child process (ts-node, like `npm run start:<app>`), so tests can
 * SIGTERM or SIGKILL it like Kubernetes would. Output is kept for assertions and failure reports.
 */
export class AppProcess {
  output = '';
  private exitCode?: number | null;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    /** The environment it was started with (to start it again the same way). */
    readonly env: Record<string, string>,
  ) {
    // Kept in memory for assertions and in <stack>/test-apps/<app>-<pid>.log for post-mortems.
    const logDir = join(process.env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/test'), 'test-apps');
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, `${name}-${child.pid}.log`);
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
      appendFileSync(logFile, chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
      }),
    );
  }

  static start(app: string, env: Record<string, string>): AppProcess {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(repo, `apps/${app}/src/main.ts`),
      ],
      {
        cwd: repo,
        env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new AppProcess(app, child, env);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Waits until the output contains `text` (e.g. a start-up line). */
  async waitForOutput(text: string | RegExp, timeoutMs = 60_000): Promise<void> {
    await expectEventually(
      () => {
        if (!this.running)
          throw new Error(`${this.name} exited (${this.exitCode}):\n${this.output.slice(-3000)}`);
        const found =
          typeof text === 'string' ? this.output.includes(text) : text.test(this.output);
        if (!found)
          throw new Error(
            `${this.name} has not printed ${String(text)} yet:\n${this.output.slice(-3000)}`,
          );
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    this.kill(signal);
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
