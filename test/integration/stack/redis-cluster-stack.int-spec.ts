import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { expectEventually } from '../support/expect-eventually';
import { ownStack, portOpen } from '../support/own-stack';

// The `redis-cluster` service alone, in a stack of its own: its port base is the test stack's
// + 2000 (stack-lifecycle's second stack uses + 1000), so it collides with neither.
const dir = join(__dirname, '../../../.stack/test-redis-cluster');
const base = Number(process.env.SYNCLINE_PORT_BASE ?? 26400) + 2000;
const ports = [101, 102, 103, 104, 105, 106].map((offset) => base + offset);
const stack = ownStack({
  SYNCLINE_STACK_DIR: dir,
  SYNCLINE_PORT_BASE: String(base),
  SYNCLINE_STACK_SERVICES: 'redis-cluster',
});

/** One row of CLUSTER NODES. */
interface NodeRow {
  id: string;
  port: number;
  flags: string[];
  masterId: string;
  slots: string[];
}

async function onNode<T>(port: number, command: string, ...args: string[]): Promise<T> {
  const client = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    return (await client.call(command, ...args)) as T;
  } finally {
    client.disconnect();
  }
}

async function clusterNodes(port: number): Promise<NodeRow[]> {
  const text = await onNode<string>(port, 'CLUSTER', 'NODES');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, masterId, , , , , ...slots] = line.trim().split(' ');
      return {
        id,
        port: Number(address.split('@')[0].split(':')[1]),
        flags: flags.split(','),
        masterId,
        slots,
      };
    });
}

const failed = (row: NodeRow) => row.flags.some((flag) => flag.startsWith('fail'));
const mastersIn = (rows: NodeRow[]) =>
  rows.filter((r) => r.flags.includes('master') && !failed(r) && r.slots.length > 0);
const replicasOf = (rows: NodeRow[], master: NodeRow) =>
  rows.filter((r) => r.flags.includes('slave') && !failed(r) && r.masterId === master.id);
const infoField = (info: string, field: string) =>
  new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();

/** Every node says ok with all slots; 3 masters, each with one replica; no node flagged failed. */
async function expectClusterOk(): Promise<NodeRow[]> {
  for (const port of ports) {
    const info = await onNode<string>(port, 'CLUSTER', 'INFO');
    expect({ port, state: infoField(info, 'cluster_state') }).toEqual({ port, state: 'ok' });
    expect(infoField(info, 'cluster_slots_assigned')).toBe('16384');
  }
  const rows = await clusterNodes(ports[0]);
  expect(rows.filter(failed)).toEqual([]);
  const masters = mastersIn(rows);
  expect(masters).toHaveLength(3);
  for (const master of masters) expect(replicasOf(rows, master)).toHaveLength(1);
  return rows;
}

const pidOf = (port: number) =>
  Number(readFileSync(join(dir, 'redis-cluster', `${port}.pid`), 'utf8'));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/stack redis-cluster', () => {
  // A fresh cluster each run: `up` creates it with redis-cli --cluster create.
  beforeAll(async () => {
    await stack('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await stack('down').catch(() => undefined);
  });

  it('runs 3 masters with a replica each, fails over a killed master, and `up` brings it back as a replica', async () => {
    await stack('up');
    const { stdout: status } = await stack('status');
    expect(status).toMatch(/redis-cluster\s+up\s+.*state=ok masters=3 replicas=3/);
    const { stdout: env } = await stack('env');
    expect(env).toContain(
      `export SYNCLINE_STACK_REDIS_CLUSTER_NODES=${ports.map((p) => `redis://127.0.0.1:${p}`).join(',')}\n`,
    );
    const before = await expectClusterOk();

    // `redis-cluster-masters` names each master serving slots with its pid.
    const { stdout: listed } = await stack('redis-cluster-masters');
    const masters = listed
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number));
    expect(masters.map(([port]) => port)).toEqual(
      mastersIn(before)
        .map((m) => m.port)
        .sort(),
    );
    for (const [port, pid] of masters) expect(pid).toBe(pidOf(port));

    // Keys on every master, through a cluster client.
    const keys = Array.from({ length: 60 }, (_, i) => `stack-cluster-test:${i}`);
    const writer = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
    for (const key of keys) await writer.set(key, `value-of-${key}`);
    await writer.quit();

    const [victimPort, victimPid] = masters[0];
    const victim = before.find((r) => r.port === victimPort) as NodeRow;
    const heir = replicasOf(before, victim)[0];
    expect(await onNode<number>(victimPort, 'DBSIZE')).toBeGreaterThan(0);
    // The replica has everything the master acknowledged before the master dies.
    const masterOffset = infoField(
      await onNode(victimPort, 'INFO', 'replication'),
      'master_repl_offset',
    );
    await expectEventually(async () =>
      expect(infoField(await onNode(heir.port, 'INFO', 'replication'), 'slave_repl_offset')).toBe(
        masterOffset,
      ),
    );

    process.kill(victimPid, 'SIGKILL');
    await expectEventually(() => expect(alive(victimPid)).toBe(false));

    // The replica is promoted to the killed master's slots and the cluster is ok without it.
    const survivor = heir.port;
    await expectEventually(
      async () => {
        const rows = await clusterNodes(survivor);
        const promoted = rows.find((r) => r.id === heir.id);
        expect(promoted?.flags).toContain('master');
        expect(promoted?.slots).toEqual(victim.slots);
        expect(failed(rows.find((r) => r.id === victim.id) as NodeRow)).toBe(true);
        const info = await onNode<string>(survivor, 'CLUSTER', 'INFO');
        expect(infoField(info, 'cluster_state')).toBe('ok');
      },
      { timeoutMs: 60_000 },
    );

    // `up` restarts just the killed node; it rejoins as the promoted node's replica.
    const others = ports.filter((p) => p !== victimPort).map((p) => [p, pidOf(p)]);
    const { stderr } = await stack('up');
    expect(stderr).toMatch(/redis-cluster exists/);
    expect(ports.filter((p) => p !== victimPort).map((p) => [p, pidOf(p)])).toEqual(others);
    expect(alive(pidOf(victimPort))).toBe(true);
    const after = await expectClusterOk();
    const rejoined = after.find((r) => r.id === victim.id);
    expect(rejoined?.flags).toContain('slave');
    expect(rejoined?.masterId).toBe(heir.id);

    // Nothing acknowledged before the failover was lost.
    const reader = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
    const values = await Promise.all(keys.map((key) => reader.get(key)));
    expect(values).toEqual(keys.map((key) => `value-of-${key}`));
    await reader.quit();

    // `down` stops all six and frees their ports.
    const pids = ports.map(pidOf);
    await stack('down');
    expect(pids.filter(alive)).toEqual([]);
    for (const port of ports) expect(await portOpen(port)).toBe(false);
    expect(ports.filter((port) => existsSync(join(dir, 'redis-cluster', `${port}.pid`)))).toEqual(
      [],
    );
  }, 180_000);

  it('refuses a bad port list or a taken port with a clear error, and starts no node', async () => {
    const badDir = join(__dirname, '../../../.stack/test-redis-cluster-refused');
    const withPorts = (list: number[] | string) =>
      ownStack({
        SYNCLINE_STACK_DIR: badDir,
        SYNCLINE_PORT_BASE: String(base),
        SYNCLINE_STACK_SERVICES: 'redis-cluster',
        SYNCLINE_REDIS_CLUSTER_PORTS: String(list),
      });
    await expect(withPorts('30001,30002,30003')('up')).rejects.toMatchObject({
      stderr: expect.stringContaining('needs 3 or more masters') as string,
    });
    await expect(withPorts('30001,http,30003,30004,30005,30006')('up')).rejects.toMatchObject({
      stderr: expect.stringContaining("'http' is not a port") as string,
    });

    // The last port is taken: no node starts, not even those whose ports were free.
    const spare = ports.map((port) => port + 10);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(spare[5], '127.0.0.1', resolve));
    try {
      await expect(withPorts(spare)('up')).rejects.toMatchObject({
        stderr: expect.stringContaining(`port ${spare[5]} (redis-cluster node) is taken`) as string,
      });
      for (const port of spare.slice(0, 5)) expect(await portOpen(port)).toBe(false);
    } finally {
      blocker.close();
      rmSync(badDir, { recursive: true, force: true });
    }
  });
});
