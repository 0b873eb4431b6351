import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

// A cache-api whose Redis refuses every write (a real redis-server of its own, told to demand a
// replica it does not have): the Postgres commit succeeds, the cache write fails for real.
const t = testClients('api-refused');
const tenant = t.tenant('acme');
const key = `key-${tenant}-0123456789`;
let redisServer: ChildProcess;
let privateRedis: Redis;
let api: AppProcess;
let baseUrl: string;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

beforeAll(async () => {
  const redisPort = await freePort();
  redisServer = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  privateRedis = new Redis(`redis://127.0.0.1:${redisPort}`, { lazyConnect: true });
  await expectEventually(async () => expect(await privateRedis.ping()).toBe('PONG'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = AppProcess.start(
    'cache-api',
    t.appEnv({
      SYNCLINE_HTTP_PORT: String(port),
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_API_KEYS: `${tenant}=${key}`,
      SYNCLINE_REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      // This test needs its own refusing instance, also in the cluster pass of CI.
      SYNCLINE_REDIS_CLUSTER_NODES: '',
    }),
  );
  await api.waitForOutput('cache-api listening');
  await privateRedis.config('SET', 'min-replicas-to-write', '1');
});

afterAll(async () => {
  await api?.stop();
  privateRedis?.disconnect();
  redisServer?.kill('SIGTERM');
  await t.close();
});

describe('cache-api write-through when the cache refuses the write', () => {
  it('answers a committed create, update and delete with their result, not 503', async () => {
    // The cache really refuses writes: the failure below is not simulated.
    await expect(privateRedis.set('probe', '1')).rejects.toThrow(/NOREPLICAS/);
    const email = `refused-${randomUUID()}@example.com`;

    const created = await call('POST', `/v1/tenants/${tenant}/contact`, {
      email,
      first_name: 'Ada',
    });
    expect(created).toMatchObject({ status: 201, body: { data: { email, first_name: 'Ada' } } });
    const id = created.body?.id as string;
    // Exactly one row: a client has no reason to retry and create a duplicate.
    const { rows } = await t.pool.query<{ id: string; version: string }>(
      'SELECT id, version FROM contacts WHERE tenant_id = $1 AND email = $2',
      [tenant, email],
    );
    expect(rows).toEqual([{ id, version: String(created.body?.version) }]);

    const updated = await call('PATCH', `/v1/tenants/${tenant}/contact/${id}`, {
      lead_score: 5,
    });
    expect(updated).toMatchObject({ status: 200, body: { id, data: { lead_score: 5 } } });

    expect((await call('DELETE', `/v1/tenants/${tenant}/contact/${id}`)).status).toBe(204);
    const after = await t.pool.query('SELECT 1 FROM contacts WHERE tenant_id = $1 AND id = $2', [
      tenant,
      id,
    ]);
    expect(after.rowCount).toBe(0);

    // The cache failure is not swallowed: it is logged, naming the record.
    await api.waitForOutput(new RegExp(`cache write after commit failed.*${id}`));
  });
});
