import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { scrapeMetric } from '../support/scrape-metric';
import { testClients } from '../support/test-clients';

// The cache-api with SYNCLINE_CACHE_API_PROCESSES=2: two processes share the port under a
// supervising primary. What a user relies on: every request is served, /metrics on any process
// reports the whole pod, a dead process is replaced, SIGTERM shuts the pod down cleanly.
const t = testClients('api-cluster');
const tenant = t.tenant('acme');
const key = `key-${tenant}-0123456789`;
let api: AppProcess;
let baseUrl: string;

const listeningLines = (): number => (api.output.match(/cache-api listening/g) ?? []).length;
const workerPids = (): number[] =>
  execFileSync('pgrep', ['-P', String(api.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);

/** A request on a fresh connection: the primary hands connections to the processes in turn. */
async function get(path: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': key, connection: 'close' } });
}

async function hits(): Promise<number> {
  const series = await scrapeMetric(`${baseUrl}/metrics`, 'syncline_cache_api_lookups_total');
  return series
    .filter((s) => s.labels.result === 'hit' && s.labels.entity === 'contact')
    .reduce((sum, s) => sum + s.value, 0);
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = AppProcess.start(
    'cache-api',
    t.appEnv({
      SYNCLINE_HTTP_PORT: String(port),
      SYNCLINE_API_KEYS: `${tenant}=${key}`,
      SYNCLINE_CACHE_API_PROCESSES: '2',
    }),
  );
  await expectEventually(() => expect(listeningLines()).toBe(2), { timeoutMs: 120_000 });
});

afterAll(async () => {
  await api?.stop();
  await t.close();
});

describe('cache-api on several processes', () => {
  it('serves from both processes and reports their metrics summed, on any connection', async () => {
    expect(workerPids()).toHaveLength(2);
    const created = await fetch(`${baseUrl}/v1/tenants/${tenant}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ email: `cluster-${randomUUID()}@example.com`, first_name: 'Ada' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const before = await hits();

    const reads = 30;
    for (let i = 0; i < reads; i += 1) {
      const response = await get(`/v1/tenants/${tenant}/contact/${id}`);
      expect(response.status).toBe(200);
      await response.text();
    }
    // Connections alternate between the processes, so one process's counter alone would fall
    // short; every scrape (each on its own connection, so served by either) reports all of them.
    for (let i = 0; i < 4; i += 1) expect(await hits()).toBe(before + reads);
  });

  it('replaces a process that dies and keeps serving', async () => {
    const [victim] = workerPids();
    process.kill(victim, 'SIGKILL');
    await api.waitForOutput(`worker ${victim} exited`);
    await expectEventually(() => expect(listeningLines()).toBe(3), { timeoutMs: 120_000 });
    expect(workerPids()).not.toContain(victim);
    expect(workerPids()).toHaveLength(2);
    for (let i = 0; i < 4; i += 1) expect((await get('/health/live')).status).toBe(200);
  });

  it('shuts every process down on SIGTERM and exits 0', async () => {
    const pids = workerPids();
    expect(await api.stop('SIGTERM')).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
