import { spawn } from 'node:child_process';
import { join } from 'node:path';

const repo = join(__dirname, '../../..');

/**
 * Runs one `scripts/bench/<name>.bench.ts` as its own process (a clean heap, its own exit), with
 * the environment `scripts/bench/run` prepared; output goes straight to the terminal.
 */
export function runBenchProcess(name: string, args: readonly string[]): Promise<void> {
  return runProcess(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(repo, `scripts/bench/${name}.bench.ts`),
      ...args,
    ],
    name,
  );
}

/** Spawns a command with inherited output; rejects on a non-zero exit. */
export function runProcess(command: string, args: readonly string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: repo, stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${label} exited with ${signal ?? `code ${code}`}`)),
    );
  });
}
