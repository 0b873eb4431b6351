import cluster, { Worker } from 'node:cluster';
import { serveClusterMetrics } from './cluster-metrics';

/** More unexpected exits than this within the window: give up, so Kubernetes restarts the pod. */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;

export interface ClusterOptions {
  name: string;
  processes: number;
  log: (line: string) => void;
}

/**
 * The primary of a Node cluster: forks `processes` workers that share the listening port, replaces
 * one that dies unexpectedly (exiting 1 itself when they keep dying, so the crash loop is visible
 * to Kubernetes), passes SIGTERM/SIGINT on (Kubernetes signals PID 1 only) and exits once every
 * worker has shut down. It also answers workers' metric requests for the whole cluster.
 */
export function superviseCluster({ name, processes, log }: ClusterOptions): void {
  let stopping = false;
  let exitCode = 0;
  const crashes: number[] = [];
  serveClusterMetrics();

  const fork = (): Worker => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    log(`${name} worker ${worker.process.pid} exited (${signal ?? `code ${code}`})`);
    if (crashes.length > CRASH_LIMIT) {
      log(`${name}: ${crashes.length} workers died within ${CRASH_WINDOW_MS / 1000}s; exiting`);
      stop('SIGTERM', 1);
      return;
    }
    fork();
  });

  const stop = (signal: NodeJS.Signals, code = 0): void => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // A worker that does not finish its own graceful shutdown in time: the pod must not hang.
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < processes; i += 1) fork();
  log(`${name}: ${processes} processes share the port`);
}
