import { randomUUID } from 'node:crypto';
import { TOPICS } from '@syncline/events';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';

// Whether a CRM holds a record comes from what it accepted (the delivery log's accepted version and
// payload), not from the last attempt: a failed archive or update must not make the worker believe
// the record never reached the CRM. Real stack + HubSpot simulator with outages.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

jest.setTimeout(300_000);

const t = testClients('delivered-state');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
let hubspot: RunningHubSpotSim;
const apps: AppProcess[] = [];
let api: string;
let destination = '';
let deliveryMetricsUrl = '';

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Active contacts only; `operations` varies per test. */
const contactMapping = (
  operations: string[] = ['create', 'update', 'delete'],
  extraFields: Record<string, unknown>[] = [],
) => ({
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    { source: 'first_name', target: 'firstname', maxLength: 30 },
    { source: 'last_name', target: 'lastname' },
    ...extraFields,
  ],
  rules: {
    operations,
    conditions: [{ field: 'status', op: 'eq', value: 'active' }],
    deletePolicy: 'archive',
  },
});

async function insertContact(fields: Record<string, unknown> = {}): Promise<string> {
  const row = {
    email: `${randomUUID().slice(0, 12)}@example.com`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    status: 'active',
    ...fields,
  };
  const names = Object.keys(row);
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, ${names.join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    [tenant, ...Object.values(row)],
  );
  return rows[0].id;
}

async function update(id: string, set: string, ...values: unknown[]): Promise<void> {
  await t.pool.query(`UPDATE contacts SET ${set} WHERE tenant_id = $1 AND id = $2`, [
    tenant,
    id,
    ...values,
  ]);
}

const liveRecord = (id: string) =>
  hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && !r.archived);
const archivedRecord = (id: string) =>
  hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && r.archived);

/** The record's delivery-log row (the latest outcome) once it matches `expected`. */
async function waitForLog(id: string, expected: Record<string, unknown>): Promise<void> {
  await expectEventually(
    async () => {
      const log = await admin('GET', `/destinations/${destination}/deliveries?recordId=${id}`);
      expect(log.body).toEqual([expect.objectContaining({ recordId: id, ...expected })]);
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

async function delivered(id: string): Promise<void> {
  try {
    await expectEventually(() => expect(liveRecord(id)).toBeDefined(), { timeoutMs: 120_000 });
  } catch (error) {
    // What the delivery-worker saw of this destination, for whoever reads a failure.
    const metrics = await fetch(deliveryMetricsUrl)
      .then((response) => response.text())
      .catch((cause: unknown) => String(cause));
    const lines = metrics
      .split('\n')
      .filter((line) => line.includes(destination) || line.includes(tenant));
    console.error(`not delivered: ${id}\n${lines.join('\n')}`);
    throw error;
  }
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  const groups = {
    sync: `sync-delivered-state-${randomUUID()}`,
    router: `router-${randomUUID()}`,
  };
  // Fresh groups start at the end: earlier files' history is not this file's to replay.
  const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    { groupId: groups.sync, topics: [TOPICS.cdcPattern(prefix)] },
    { groupId: groups.router, topics: [TOPICS.recordChanged(prefix)] },
  ]);
  const env = t.appEnv({
    SYNCLINE_SYNC_GROUP_ID: groups.sync,
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: `delivery-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: groups.router,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
    SYNCLINE_DELIVERY_MAX_ATTEMPTS_IN_BATCH: '2',
  });
  // The cache-api first: the destination and its mapping exist before the workers start, so the
  // delivery-worker subscribes to its queue at start-up, as in a deployment configured beforehand.
  apps.push(AppProcess.start('cache-api', env));
  // ts-node compiles each app at start: on a loaded machine that takes longer than a minute.
  await apps[0].waitForOutput('cache-api listening', 180_000);
  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
  const created = await admin('POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  expect(created.status).toBe(201);
  destination = created.body.id;
  expect((await admin('PUT', `/mappings/contact/${destination}`, contactMapping())).status).toBe(
    200,
  );
  apps.push(AppProcess.start('sync-worker', env), AppProcess.start('delivery-worker', env));
  await apps[1].waitForOutput('ops endpoints on', 180_000);
  await apps[2].waitForOutput('ops endpoints on', 180_000);
  // Ready means its consumers joined with every destination's queue.
  const ops = /ops endpoints on :(\d+)/.exec(apps[2].output)?.[1];
  deliveryMetricsUrl = `http://127.0.0.1:${ops}/metrics`;
  await expectEventually(
    async () => expect((await fetch(`http://127.0.0.1:${ops}/health/ready`)).status).toBe(200),
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  // The first delivery is the signal that routing and sending see the mapping.
  await delivered(await insertContact({ first_name: 'Warm-up' }));
}, 420_000);

afterEach(() => hubspot.state.clearFaults());

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await t.close();
});

describe('delivery decides from what the CRM accepted', () => {
  it('archives a contact deleted while the CRM was down, once it is back', async () => {
    const id = await insertContact();
    await delivered(id);
    hubspot.state.setFaults({ outageMs: 120_000 });
    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, id]);
    // The archive failed during the outage ...
    await waitForLog(id, { operation: 'archive', status: 'failed' });
    hubspot.state.clearFaults();
    // ... and its redo after the hold archives instead of skipping it as never delivered.
    await expectEventually(() => expect(archivedRecord(id)).toBeDefined(), { timeoutMs: 120_000 });
    expect(liveRecord(id)).toBeUndefined();
    await waitForLog(id, { operation: 'archive', status: 'delivered' });
  });

  it('archives a delivered contact whose update failed and which was then deleted', async () => {
    const id = await insertContact();
    await delivered(id);
    hubspot.state.setFaults({ outageMs: 120_000 });
    await update(id, `last_name = 'Failed update'`);
    await waitForLog(id, { operation: 'upsert', status: 'failed' });
    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, id]);
    hubspot.state.clearFaults();
    await expectEventually(() => expect(archivedRecord(id)).toBeDefined(), { timeoutMs: 120_000 });
    await waitForLog(id, { operation: 'archive', status: 'delivered' });
  });

  it('archives a delivered contact whose update failed and which then stopped matching the rules', async () => {
    const id = await insertContact();
    await delivered(id);
    hubspot.state.setFaults({ outageMs: 120_000 });
    await update(id, `last_name = 'Failed update'`);
    await waitForLog(id, { operation: 'upsert', status: 'failed' });
    await update(id, `status = 'inactive'`);
    hubspot.state.clearFaults();
    await expectEventually(() => expect(archivedRecord(id)).toBeDefined(), { timeoutMs: 120_000 });
    await waitForLog(id, { operation: 'archive', status: 'delivered' });
  });

  it('delivers an update after a dead-lettered one under update-only rules', async () => {
    const id = await insertContact();
    await delivered(id);
    // Update-only from now on; the extra phone field tells when the sender uses this version.
    const updateOnly = contactMapping(['update', 'delete'], [{ source: 'phone', target: 'phone' }]);
    expect((await admin('PUT', `/mappings/contact/${destination}`, updateOnly)).status).toBe(200);
    // A change the sender handles with the old version is skipped as unchanged: change the phone
    // again until one reaches the CRM.
    let attempt = 0;
    await expectEventually(
      async () => {
        const phone = `+1 555 ${1000 + attempt++}`;
        await update(id, `phone = $3`, phone);
        await expectEventually(() => expect(liveRecord(id)?.properties.phone).toBe(phone), {
          timeoutMs: 5000,
        });
      },
      { timeoutMs: 60_000 },
    );

    // Too long for the mapping (maxLength 30, no truncate): dead-lettered for good.
    await update(id, `first_name = $3`, 'Bartholomew-Maximilian Featherstonehaugh');
    await waitForLog(id, { operation: 'upsert', status: 'dead_lettered' });
    // The CRM still holds the record: the next update reaches it.
    await update(id, `first_name = 'Bart'`);
    await expectEventually(() => expect(liveRecord(id)?.properties.firstname).toBe('Bart'));
  });
});
