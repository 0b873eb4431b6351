import { execFile } from 'node:child_process';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = join(__dirname, '../../..');

/**
 * Runs `scripts/stack <args>` for a stack of its own (state folder, port base, services). The test
 * stack's settings (SYNCLINE_PG_PORT, ...) are in our environment: the child must not inherit them.
 */
export function ownStack(settings: Record<string, string>) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('SYNCLINE_')),
  );
  const env = { ...inherited, ...settings };
  return (...args: string[]) =>
    run(join(repo, 'scripts/stack'), args, { env, cwd: repo, maxBuffer: 10 * 1024 * 1024 });
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}
