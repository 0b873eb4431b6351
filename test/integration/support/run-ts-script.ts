import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '../../..');

/** What one run of a command-line script did. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript entry (`apps/reconciler/src/main.ts`, `scripts/load-test/load-test.ts`) as a
 * child process through ts-node, like the apps, and waits for it to exit; killed after
 * `timeoutMs`. Output is kept for assertions and in <stack>/test-apps/<label>-<pid>.log.
 */
export async function runTsScript(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
  { label = 'script', timeoutMs = 180_000 } = {},
): Promise<ScriptRun> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(repo, entry),
      ...args,
    ],
    {
      cwd: repo,
      env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logDir = join(process.env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/test'), 'test-apps');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${label}-${child.pid}.log`);
  appendFileSync(logFile, `$ ${entry} ${args.join(' ')}\n`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    appendFileSync(logFile, chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    appendFileSync(logFile, chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} ${args.join(' ')} ran over ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stdout, stderr };
}
