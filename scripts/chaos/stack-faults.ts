import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../support/wait-for';

export type StackService = 'kafka' | 'connect' | 'redis';

/**
 * Kills the stack's own servers and brings them back with `scripts/stack up` (idempotent: it
 * starts what is down and restarts a failed connector task), as an operator or a StatefulSet would.
 */
export class StackFaults {
  constructor(
    private readonly repo: string,
    private readonly stackDir: string,
  ) {}

  async kill(service: StackService): Promise<void> {
    const pid = Number(readFileSync(join(this.stackDir, `${service}.pid`), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await waitFor(`${service} (pid ${pid}) to die`, () => (isAlive(pid) ? undefined : true), {
      timeoutMs: 10_000,
    });
  }

  async up(): Promise<void> {
    await promisify(execFile)('bash', [join(this.repo, 'scripts/stack'), 'up'], {
      cwd: this.repo,
      env: process.env,
      timeout: 300_000,
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
