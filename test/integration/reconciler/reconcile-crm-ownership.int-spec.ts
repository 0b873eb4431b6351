import { randomUUID } from 'node:crypto';
import { RunningHubSpotSim, SimCall, startHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';
import { rowOf, runReconciler } from './support/run-reconciler';
import { removeKeys } from '../support/test-redis';

// `reconcile crm` on what the delivery path can leave behind: records Syncline wrote on a shared
// (non-mirror) CRM account that must not be there, known by the ownership marker the connectors
// write (`originProperty`) even when the delivery log missed the write; and, on a mirror
// destination, identities HubSpot stores in another case than Postgres.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

const t = testClients('recon-own');
const tenant = t.tenant('own');
const adminKey = `admin-${randomUUID()}`;
const TOKEN = 'hubspot-private-app-token';
const ORIGIN = 'syncline_origin';
let shared: RunningHubSpotSim;
let mirror: RunningHubSpotSim;
const apps: AppProcess[] = [];
let api: string;
const destinations = { shared: '', mirror: '' };
let active: string[] = [];
let mixedCaseEmail = '';

const reconcilerEnv = () => t.appEnv({ SYNCLINE_RECONCILE_GRACE_MS: '0' });

async function admin(method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Calls a HubSpot sim's API as a user (or a script of theirs) would. */
async function hubspotApi(
  sim: RunningHubSpotSim,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HubSpot ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Live (not archived) contacts of a sim whose `property` equals `value` (case-insensitively). */
function live(sim: RunningHubSpotSim, property: string, value: string): Json {
  return sim.state
    .records('contacts')
    .find(
      (record) =>
        !record.archived &&
        String(record.properties[property] ?? '').toLowerCase() === value.toLowerCase(),
    );
}

/** Most calls in any window of `windowMs`. */
function peakCalls(calls: SimCall[], windowMs: number): number {
  const times = calls.map((c) => Date.parse(c.timestamp)).sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function insertContact(email: string, status: string): Promise<string> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name, status, lead_score)
     VALUES ($1, $2, 'First', 'Last', $3::contact_status, 1) RETURNING id`,
    [tenant, email, status],
  );
  return rows[0].id;
}

beforeAll(async () => {
  [shared, mirror] = await Promise.all([
    startHubSpotSim({
      port: 0,
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    }),
    startHubSpotSim({ port: 0 }),
  ]);
  // The marker is a custom property the user creates once per object type (Settings >
  // Properties, or the properties API as here): single-line text, not unique.
  await hubspotApi(shared, 'POST', '/crm/v3/properties/contacts', {
    name: ORIGIN,
    label: 'Syncline origin',
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
    description: 'Written by Syncline: the destination that owns this record',
  });
  api = await startPipeline(t, adminKey, apps);

  await admin('PUT', '', { name: 'Owned records' });
  const rateLimit = { requestsPerInterval: 50, intervalMs: 1000 };
  destinations.shared = (
    await admin('POST', '/destinations', {
      name: 'Shared HubSpot',
      kind: 'hubspot',
      baseUrl: shared.url,
      credentials: { accessToken: TOKEN },
      // One record per search page: the orphan listing makes enough search calls to need pacing.
      options: { originProperty: ORIGIN, searchPageSize: 1 },
      rateLimit,
    })
  ).id;
  destinations.mirror = (
    await admin('POST', '/destinations', {
      name: 'Mirror HubSpot',
      kind: 'hubspot',
      baseUrl: mirror.url,
      credentials: { accessToken: TOKEN },
      rateLimit,
      mirror: true,
    })
  ).id;
  await admin('PUT', `/mappings/contact/${destinations.shared}`, {
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'first_name', target: 'firstname' },
    ],
    rules: {
      operations: ['create', 'update', 'delete'],
      conditions: [{ field: 'status', op: 'eq', value: 'active' }],
      deletePolicy: 'archive',
    },
  });
  // Identity by email: HubSpot stores emails lowercased.
  await admin('PUT', `/mappings/contact/${destinations.mirror}`, {
    object: 'contacts',
    identity: { source: 'email', target: 'email' },
    fields: [{ source: 'first_name', target: 'firstname' }],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  });

  // Workers pick up new mappings on their next control-plane reload (every 500 ms here).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const run = randomUUID().slice(0, 8);
  mixedCaseEmail = `Mixed.Case-${run}@Example.COM`;
  active = [];
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    active.push(await insertContact(`${name}-${run}@example.com`, 'active'));
  }
  active.push(await insertContact(mixedCaseEmail, 'active'));
  await expectEventually(
    () => {
      for (const id of active) expect(live(shared, 'syncline_id', id)).toBeDefined();
      expect(live(mirror, 'email', mixedCaseEmail)).toBeDefined();
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}, 420_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await shared?.close();
  await mirror?.close();
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile crm: records Syncline owns', () => {
  it('mirror: keeps a live record whose email HubSpot stores in another case', async () => {
    expect(live(mirror, 'email', mixedCaseEmail).properties.email).toBe(
      mixedCaseEmail.toLowerCase(),
    );
    const run = await runReconciler(
      ['reconcile', 'crm', '--tenant', tenant, '--destination', destinations.mirror],
      reconcilerEnv(),
    );
    expect(run.code).toBe(0);
    expect(rowOf(run.report, tenant, 'contact', destinations.mirror)).toMatchObject({
      compared: 6,
      orphan: 0,
      errors: 0,
    });
    expect(live(mirror, 'email', mixedCaseEmail)).toBeDefined();
  }, 180_000);

  it('shared account: archives what Syncline wrote and must not be there, even unknown to the delivery log; leaves the rest', async () => {
    // Every upsert carries the marker: this destination's id.
    for (const id of active) {
      expect(live(shared, 'syncline_id', id).properties[ORIGIN]).toBe(destinations.shared);
    }
    // Planted: delivered, then deleted at the source while the worker was down (the worker died
    // between the CRM call and the delivery-log write, so the log never knew the record).
    const gone = randomUUID();
    await hubspotApi(shared, 'POST', '/crm/v3/objects/contacts', {
      properties: {
        syncline_id: gone,
        email: `${gone}@gone.example`,
        [ORIGIN]: destinations.shared,
      },
    });
    // Planted: delivered while active (the log missed it too), then the row stopped matching the
    // rules: the worker takes it for never delivered and skips it.
    const excluded = await insertContact(`x-${gone.slice(0, 8)}@example.com`, 'inactive');
    await hubspotApi(shared, 'POST', '/crm/v3/objects/contacts', {
      properties: {
        syncline_id: excluded,
        email: `x-${gone.slice(0, 8)}@example.com`,
        [ORIGIN]: destinations.shared,
      },
    });
    // The account's own record (not Syncline's): a shared account keeps it.
    const foreign = randomUUID();
    await hubspotApi(shared, 'POST', '/crm/v3/objects/contacts', {
      properties: { syncline_id: foreign, email: `${foreign}@crm-user.example` },
    });

    const since = shared.state.calls().at(-1)?.seq ?? 0;
    const run = await runReconciler(
      ['reconcile', 'crm', '--tenant', tenant, '--destination', destinations.shared],
      reconcilerEnv(),
    );
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ reconcile_status: 'succeeded', reconcile_errors_total: 0 });
    expect(rowOf(run.report, tenant, 'contact', destinations.shared)).toMatchObject({
      compared: 7,
      missing: 0,
      stale: 1,
      orphan: 1,
      repaired: 2,
      errors: 0,
    });
    // Archived by the reconciler itself, not left to a worker that would skip them again.
    expect(live(shared, 'syncline_id', gone)).toBeUndefined();
    expect(live(shared, 'syncline_id', excluded)).toBeUndefined();
    expect(live(shared, 'syncline_id', foreign)).toBeDefined();
    for (const id of active) expect(live(shared, 'syncline_id', id)).toBeDefined();
    // The owned records left after the excluded one was archived were listed by search (7 of
    // them, one a page), paced to HubSpot's 5 searches a second: never refused.
    const searches = shared.state
      .calls(since)
      .filter((call) => call.path === '/crm/v3/objects/contacts/search');
    expect(searches.length).toBeGreaterThanOrEqual(7);
    expect(searches.filter((call) => call.status === 429)).toEqual([]);
    expect(peakCalls(searches, 1000)).toBeLessThanOrEqual(5);

    const again = await runReconciler(
      ['reconcile', 'crm', '--tenant', tenant, '--destination', destinations.shared],
      reconcilerEnv(),
    );
    expect(again.code).toBe(0);
    expect(rowOf(again.report, tenant, 'contact', destinations.shared)).toMatchObject({
      compared: 7,
      missing: 0,
      stale: 0,
      orphan: 0,
      repaired: 0,
      errors: 0,
    });
  }, 240_000);
});
