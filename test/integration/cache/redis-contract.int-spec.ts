import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CacheKeyBuilder,
  REDIS_CONTRACT_VERSION,
  RecordCacheRepository,
  hashSlotOf,
} from '@syncline/cache';
import { stackEnv } from '../support/stack-env';
import { onRedisCluster, removeKeys, testRedis } from '../support/test-redis';

// Holds the code to docs/redis-contract.md: writes the documented record through Syncline's cache
// repository, then runs the page's redis-cli examples with the real redis-cli and compares what
// it prints with what the page shows. Runs on both topologies (CI's cluster pass included).
const env = stackEnv();
const namespace = `t-contract-${randomUUID().slice(0, 8)}`;
const redis = testRedis(env);
const keys = new CacheKeyBuilder(namespace);
const cache = new RecordCacheRepository(redis, keys);
const contract = readFileSync(join(__dirname, '../../../docs/redis-contract.md'), 'utf8');

interface Example {
  args: string[];
  output: string;
}

/** The `console` blocks of the page: each `$ redis-cli -c ...` line and the lines it prints. */
function examples(): Example[][] {
  const blocks = [...contract.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.map((block) => {
    const found: Example[] = [];
    for (const line of block.trimEnd().split('\n')) {
      if (line.startsWith('$ ')) {
        const [program, ...args] = line.slice(2).split(' ');
        expect(program).toBe('redis-cli');
        found.push({ args, output: '' });
      } else {
        found[found.length - 1].output += `${line}\n`;
      }
    }
    return found;
  });
}

async function redisCli(args: string[]): Promise<string> {
  const seed = onRedisCluster(env)
    ? env.SYNCLINE_REDIS_CLUSTER_NODES.split(',')[0]
    : env.SYNCLINE_REDIS_URL;
  const url = new URL(seed);
  const ours = args.map((arg) => arg.replace(/^sl:/, `${namespace}:`));
  // --no-raw: the formatted replies the page shows, also when stdout is not a terminal.
  const { stdout } = await promisify(execFile)('redis-cli', [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '--no-raw',
    ...ours,
  ]);
  return stdout;
}

const ref = { tenant: 'acme', entity: 'contacts', id: '42' };

afterAll(async () => {
  await removeKeys(redis, `${namespace}:*`);
  redis.disconnect();
});

describe('the Redis contract (docs/redis-contract.md)', () => {
  it('states the version the code publishes', async () => {
    expect(contract).toMatch(
      new RegExp(`^# The Redis contract \\(version ${REDIS_CONTRACT_VERSION}\\)`),
    );
    await cache.publishContract();
    expect(await redis.get(`${namespace}:contract`)).toBe(String(REDIS_CONTRACT_VERSION));
  });

  it("prints a live record exactly as the page's redis-cli example shows", async () => {
    const [live] = examples();
    await cache.apply({
      ...ref,
      kind: 'upsert',
      version: 7,
      data: { id: 42, email: 'ada@example.com', score: '12.50' },
    });
    await cache.publishContract();
    for (const example of live) expect(await redisCli(example.args)).toBe(example.output);
  });

  it("prints a tombstone exactly as the page's example shows after a delete", async () => {
    const [, tombstone] = examples();
    expect(await cache.apply({ ...ref, kind: 'delete', version: 8 })).toBe('applied');
    for (const example of tombstone) expect(await redisCli(example.args)).toBe(example.output);
    expect(await redis.pttl(keys.record(ref))).toBeGreaterThan(0);
  });

  it('percent-encodes tenants and ids as the page says, and carries no hash tag', () => {
    const key = keys.record({ tenant: 'Café:Paris', entity: 'contacts', id: '3,SKU-7' });
    expect(contract).toContain('tenant `Café:Paris` is `Caf%C3%A9%3AParis`');
    expect(key).toBe(`${namespace}:r:Caf%C3%A9%3AParis:contacts:3,SKU-7`);
    expect(key).not.toMatch(/[{}]/);
    // Two records of one tenant and collection land in different slots: nothing pins them.
    const slots = new Set(
      ['1', '2', '3', '4', '5', '6', '7', '8'].map((id) =>
        hashSlotOf(keys.record({ tenant: 'acme', entity: 'contacts', id })),
      ),
    );
    expect(slots.size).toBeGreaterThan(1);
  });

  it('stores exactly the documented fields', async () => {
    await cache.apply({ ...ref, id: '43', kind: 'upsert', version: 1, data: { id: 43 } });
    const stored = await redis.hgetall(keys.record({ ...ref, id: '43' }));
    expect(Object.keys(stored).sort()).toEqual(['d', 'l', 'v', 'x']);
    for (const field of ['v', 'x', 'd', 'l']) expect(contract).toContain(`| \`${field}\``);
  });
});
