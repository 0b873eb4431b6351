import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessTarget } from './process-sampler';

/** The pid on a pid file's first line; undefined when the file is missing or holds none. */
export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').split('\n', 1)[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The local stack's services, by the pid files `scripts/stack` keeps in its state folder. Postgres
 * is its postmaster plus every backend and helper process under it.
 */
export function stackProcessTargets(stackDir: string): ProcessTarget[] {
  const fromFile = (file: string) => () => readPidFile(join(stackDir, file));
  return [
    { name: 'kafka', pid: fromFile('kafka.pid'), tree: false },
    { name: 'kafka-connect', pid: fromFile('connect.pid'), tree: false },
    { name: 'postgres', pid: fromFile('postgres/postmaster.pid'), tree: true },
    { name: 'redis', pid: fromFile('redis.pid'), tree: false },
  ];
}
