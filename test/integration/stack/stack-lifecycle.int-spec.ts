import { execFile } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Socket } from 'node:net';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { stackEnv } from '../support/stack-env';

const run = promisify(execFile);
const repo = join(__dirname, '../../..');
const stackScript = join(repo, 'scripts/stack');

// A second, complete stack beside the test stack, on its own ports and state folder.
const secondDir = join(repo, '.stack/test-second');
const secondBase = 27400;
// The first stack's settings (SYNCLINE_PG_PORT, ...) are in our environment: the child must not inherit them.
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('SYNCLINE_')),
);
const secondEnv = {
  ...inherited,
  SYNCLINE_STACK_DIR: secondDir,
  SYNCLINE_PORT_BASE: String(secondBase),
  SYNCLINE_PG_FSYNC: 'off',
};
const secondPorts = {
  postgres: secondBase + 32,
  redis: secondBase + 79,
  kafka: secondBase + 92,
  connect: secondBase + 83,
};

function stack(command: string) {
  return run(stackScript, [command], { env: secondEnv, cwd: repo, maxBuffer: 10 * 1024 * 1024 });
}

function pids(): Record<string, string> {
  return Object.fromEntries(
    ['kafka', 'connect', 'redis'].map((name) => [
      name,
      readFileSync(join(secondDir, `${name}.pid`), 'utf8').trim(),
    ]),
  );
}

/** Every process whose command line names the second stack's state folder. */
async function processesOf(dir: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

describe('scripts/stack', () => {
  const first = stackEnv();

  afterAll(async () => {
    await stack('down').catch(() => undefined);
  });

  it('runs a second stack on other ports beside the first, idempotently, and leaves nothing behind', async () => {
    await stack('up');
    const { stdout: status } = await stack('status');
    expect(status).toMatch(/postgres\s+up/);
    expect(status).toMatch(/redis\s+up/);
    expect(status).toMatch(/kafka\s+up/);
    expect(status).toMatch(/kafka-connect\s+up/);
    expect(status).toMatch(/debezium\s+up/);
    for (const port of Object.values(secondPorts)) expect(await portOpen(port)).toBe(true);

    // The second `up` is a no-op: the same processes keep running.
    const before = pids();
    const { stderr } = await stack('up');
    expect(pids()).toEqual(before);
    expect(stderr).toMatch(/postgres already up/);
    expect(stderr).toMatch(/kafka already up/);
    expect(stderr).toMatch(/kafka connect already up/);

    // `env` prints what the apps read, pointing at the second stack's ports.
    const { stdout: envOut } = await stack('env');
    expect(envOut).toContain(`export SYNCLINE_PG_PORT=${secondPorts.postgres}`);
    expect(envOut).toContain(`export SYNCLINE_KAFKA_BROKERS=127.0.0.1:${secondPorts.kafka}`);

    // Both stacks answer at once.
    const firstRedis = new Redis(first.SYNCLINE_REDIS_URL);
    const secondRedis = new Redis(`redis://127.0.0.1:${secondPorts.redis}`);
    await firstRedis.set('stack-test:which', 'first');
    await secondRedis.set('stack-test:which', 'second');
    expect(await firstRedis.get('stack-test:which')).toBe('first');
    expect(await secondRedis.get('stack-test:which')).toBe('second');
    await firstRedis.del('stack-test:which');
    firstRedis.disconnect();
    secondRedis.disconnect();

    const secondPg = new Pool({
      host: '127.0.0.1',
      port: secondPorts.postgres,
      database: 'syncline',
      user: first.SYNCLINE_PG_USER,
      password: first.SYNCLINE_PG_PASSWORD,
    });
    const { rows } = await secondPg.query<{ wal_level: string }>('SHOW wal_level');
    expect(rows[0].wal_level).toBe('logical');
    await secondPg.end();

    // `down` ends every process of that stack and frees its ports; the first stack is untouched.
    expect((await processesOf(secondDir)).length).toBeGreaterThan(0);
    await stack('down');
    expect(await processesOf(secondDir)).toEqual([]);
    for (const port of Object.values(secondPorts)) expect(await portOpen(port)).toBe(false);
    expect(existsSync(join(secondDir, 'kafka.pid'))).toBe(false);
    expect(await portOpen(Number(first.SYNCLINE_PG_PORT))).toBe(true);
    expect(await portOpen(Number(first.SYNCLINE_KAFKA_BROKERS.split(':')[1]))).toBe(true);
  }, 300_000);
});
