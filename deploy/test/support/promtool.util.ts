import { spawnSync } from 'node:child_process';

/**
 * Runs `promtool` (Debian package `prometheus`; `scripts/stack prerequisites` installs it) and
 * returns its output, or throws with that output when it exits non-zero.
 */
export function promtool(args: readonly string[], cwd?: string): string {
  const run = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  const error: NodeJS.ErrnoException | undefined = run.error;
  if (error?.code === 'ENOENT') {
    throw new Error(
      'the alert rule tests need promtool on the PATH: install the Debian package `prometheus` ' +
        '(as root: scripts/stack prerequisites with SYNCLINE_STACK_SERVICES=prometheus)',
    );
  }
  if (error) throw error;
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`promtool ${args.join(' ')} failed:\n${output}`);
  return output;
}
