import { randomUUID } from 'node:crypto';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

// A slow CRM (every call takes 25 s, under the 30 s call timeout) makes one delivery batch last
// longer than the consumer session (30 s). Two delivery-worker replicas share the queue: the
// sender heartbeats while it works, so no member is evicted mid-batch (an evicted member's
// partition goes to the other replica while the first still sends it: an older state can land
// last), and the CRM ends with every record's latest state.
jest.setTimeout(600_000);

const t = testClients('slow-crm');
const tenant = t.tenant('slow');
const adminKey = `admin-${randomUUID()}`;
const ROWS = 400;
let hubspot: RunningHubSpotSim;
const apps: AppProcess[] = [];

async function admin(method: string, api: string, path: string, body?: unknown) {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as { id?: string };
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const env = t.appEnv({
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: `delivery-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: `router-${randomUUID()}`,
  });
  apps.push(AppProcess.start('cache-api', env));
  await apps[0].waitForOutput('cache-api listening');
  await admin('PUT', api, '', { name: 'Slow' });
  const { id: destination } = await admin('POST', api, '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-token' },
    rateLimit: { requestsPerInterval: 100, intervalMs: 10_000 },
  });
  await admin('PUT', api, `/mappings/contact/${destination ?? ''}`, {
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'last_name', target: 'lastname' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  });

  // The queue fills before the senders start, so their first batches are full ones.
  apps.push(AppProcess.start('sync-worker', env));
  await t.pool.query(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name)
     SELECT $1, 'slow-' || n || '@example.com', 'Slow', 'first' FROM generate_series(1, $2) AS n`,
    [tenant, ROWS],
  );
  await t.pool.query(`UPDATE contacts SET last_name = 'latest' WHERE tenant_id = $1`, [tenant]);
  await expectEventually(
    async () => {
      const { rows } = await t.pool.query<{ id: string }>(
        'SELECT id FROM contacts WHERE tenant_id = $1',
        [tenant],
      );
      const cached = await t.cache.getMany(
        rows.map(({ id }) => ({ tenant, entity: 'contact', id })),
      );
      expect(
        cached.filter((record) => record?.deleted === false && record.data.last_name === 'latest'),
      ).toHaveLength(ROWS);
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
  hubspot.state.setFaults({ latencyMs: 25_000 });
  apps.push(AppProcess.start('delivery-worker', env), AppProcess.start('delivery-worker', env));
}, 300_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop('SIGKILL')));
  await hubspot?.close();
  await t.close();
});

describe('a slow CRM with two delivery-worker replicas', () => {
  it('keeps both members in the group through long batches and ends with the latest state', async () => {
    await expectEventually(
      () => {
        const live = hubspot.state.records('contacts').filter((record) => !record.archived);
        expect(live.filter((record) => record.properties.lastname === 'latest')).toHaveLength(ROWS);
      },
      { timeoutMs: 420_000, intervalMs: 2000 },
    );
    const senders = apps.slice(2);
    // kafkajs says this when the coordinator evicted the member (its session expired mid-batch).
    for (const sender of senders) {
      expect(sender.running).toBe(true);
      expect(sender.output).not.toMatch(/not aware of this member|UNKNOWN_MEMBER_ID/);
    }
  });
});
