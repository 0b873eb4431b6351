import { randomUUID } from 'node:crypto';
import {
  RunningHubSpotSim,
  RunningSalesforceSim,
  SimCall,
  startHubSpotSim,
  startSalesforceSim,
} from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';
import { rowOf, runReconciler } from './support/run-reconciler';
import { removeKeys } from '../support/test-redis';

// Postgres vs the CRMs: records removed, altered and planted in the simulators behind the
// pipeline's back, then `reconcile crm`; the delivery-worker does the repairs it enqueues.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

const t = testClients('recon-crm');
const tenant = t.tenant('crm');
const adminKey = `admin-${randomUUID()}`;
const HUBSPOT_LIMIT = { requestsPerInterval: 20, intervalMs: 1000 };
const HUBSPOT_TOKEN = 'hubspot-private-app-token';
let hubspot: RunningHubSpotSim;
let failing: RunningHubSpotSim;
let salesforce: RunningSalesforceSim;
const apps: AppProcess[] = [];
let api: string;
const destinations = { hubspot: '', salesforce: '', failing: '' };
let active: string[] = [];
let inactive: string[] = [];

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

const hubspotMapping = {
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    { source: 'first_name', target: 'firstname' },
    { source: 'last_name', target: 'lastname' },
    { source: 'lead_score', target: 'syncline_score', transform: 'number' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
};

async function startHubSpot(): Promise<RunningHubSpotSim> {
  return startHubSpotSim({
    port: 0,
    properties: {
      contacts: [
        { name: 'syncline_id', type: 'string', hasUniqueValue: true },
        { name: 'syncline_score', type: 'number' },
      ],
    },
  });
}

/** Live (not archived) HubSpot contacts by syncline_id. */
function hubspotRecord(sim: RunningHubSpotSim, id: string): Json {
  return sim.state
    .records('contacts')
    .find((record) => !record.archived && record.properties.syncline_id === id);
}

function salesforceRecord(id: string): Json {
  return salesforce.state
    .records('Contact')
    ?.find((record) => record.IsDeleted !== true && record.Syncline_Id__c === id);
}

/** Calls the HubSpot sim's API as someone editing the CRM by hand would. */
async function hubspotApi(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${hubspot.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${HUBSPOT_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HubSpot ${method} ${path}: ${response.status}`);
}

async function salesforceApi(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${salesforce.url}/services/data/v62.0${path}`, {
    method,
    headers: {
      authorization: `Bearer ${salesforce.state.issueToken()}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`Salesforce ${method} ${path}: ${response.status} ${await response.text()}`);
  }
}

/** Most calls a sim received in any window of `windowMs`. */
function peakCalls(calls: SimCall[], windowMs: number): number {
  const times = calls.map((c) => Date.parse(c.timestamp)).sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function insertContacts(count: number, status: string): Promise<string[]> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name, status, lead_score)
     SELECT $1, 'p' || g || '-' || $3 || '@example.com', 'First' || g, 'Last' || g, $4::contact_status, g
       FROM generate_series(1, $2) g RETURNING id`,
    [tenant, count, randomUUID().slice(0, 8), status],
  );
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  [hubspot, failing] = await Promise.all([startHubSpot(), startHubSpot()]);
  salesforce = await startSalesforceSim({ port: 0 });
  api = await startPipeline(t, adminKey, apps);

  await admin('PUT', '', { name: 'Reconciled' });
  destinations.hubspot = (
    await admin('POST', '/destinations', {
      name: 'HubSpot',
      kind: 'hubspot',
      baseUrl: hubspot.url,
      credentials: { accessToken: HUBSPOT_TOKEN },
      rateLimit: HUBSPOT_LIMIT,
      mirror: true,
    })
  ).id;
  destinations.salesforce = (
    await admin('POST', '/destinations', {
      name: 'Salesforce',
      kind: 'salesforce',
      baseUrl: salesforce.url,
      credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
      options: { loginUrl: salesforce.url },
      rateLimit: { requestsPerInterval: 20, intervalMs: 1000 },
    })
  ).id;
  await admin('PUT', `/mappings/contact/${destinations.hubspot}`, hubspotMapping);
  await admin('PUT', `/mappings/contact/${destinations.salesforce}`, {
    object: 'Contact',
    identity: { source: 'id', target: 'Syncline_Id__c' },
    fields: [
      { source: 'email', target: 'Email' },
      { source: 'first_name', target: 'FirstName' },
      { source: 'last_name', target: 'LastName', default: 'Unknown' },
    ],
    // Only active contacts belong in Salesforce: the inactive ones are not "missing" there.
    rules: {
      operations: ['create', 'update', 'delete'],
      conditions: [{ field: 'status', op: 'eq', value: 'active' }],
      deletePolicy: 'archive',
    },
  });

  // Workers pick up new mappings on their next control-plane reload (every 500 ms here); changes
  // made before that are not routed to them.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  active = await insertContacts(25, 'active');
  inactive = await insertContacts(5, 'inactive');
  await expectEventually(
    () => {
      expect([...active, ...inactive].filter((id) => !hubspotRecord(hubspot, id))).toEqual([]);
      expect(active.filter((id) => !salesforceRecord(id))).toEqual([]);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await failing?.close();
  await salesforce?.close();
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile crm: Postgres vs the CRMs', () => {
  it('finds removed, altered and orphaned CRM records; the delivery-worker repairs what it enqueues; a second run finds nothing', async () => {
    // HubSpot (mirror): 3 removed, 2 altered, 2 planted without a row.
    for (const id of active.slice(0, 3)) {
      await hubspotApi('DELETE', `/crm/v3/objects/contacts/${hubspotRecord(hubspot, id).id}`);
    }
    for (const id of active.slice(3, 5)) {
      await hubspotApi('PATCH', `/crm/v3/objects/contacts/${hubspotRecord(hubspot, id).id}`, {
        properties: { firstname: 'Edited by hand' },
      });
    }
    const hubspotOrphans = [randomUUID(), randomUUID()];
    for (const id of hubspotOrphans) {
      await hubspotApi('POST', '/crm/v3/objects/contacts', {
        properties: {
          syncline_id: id,
          email: `${id.slice(0, 8)}@orphan.example`,
          firstname: 'Orphan',
        },
      });
    }
    // Salesforce (no mirror): 2 removed, 1 altered, 1 planted (left alone).
    for (const id of active.slice(5, 7)) {
      await salesforceApi('DELETE', `/sobjects/Contact/${salesforceRecord(id).Id}`);
    }
    await salesforceApi('PATCH', `/sobjects/Contact/${salesforceRecord(active[7]).Id}`, {
      FirstName: 'Edited by hand',
    });
    const salesforceOrphan = randomUUID();
    await salesforceApi('POST', '/sobjects/Contact', {
      LastName: 'Orphan',
      Syncline_Id__c: salesforceOrphan,
    });

    const expected = {
      hubspot: { compared: 30, missing: 3, stale: 2, orphan: 2 },
      salesforce: { compared: 30, missing: 2, stale: 1, orphan: 0 },
    };
    const dry = await runReconciler(
      ['reconcile', 'crm', '--tenant', tenant, '--dry-run'],
      reconcilerEnv(),
    );
    expect(dry.code).toBe(0);
    for (const [name, counts] of Object.entries(expected)) {
      const destination = destinations[name as keyof typeof destinations];
      expect(rowOf(dry.report, tenant, 'contact', destination)).toMatchObject({
        ...counts,
        repaired: 0,
        errors: 0,
      });
    }
    expect(hubspotOrphans.every((id) => hubspotRecord(hubspot, id))).toBe(true);
    expect(hubspotRecord(hubspot, active[0])).toBeUndefined();

    const run = await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv());
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ reconcile_status: 'succeeded', reconcile_errors_total: 0 });
    expect(rowOf(run.report, tenant, 'contact', destinations.hubspot)).toMatchObject({
      ...expected.hubspot,
      repaired: 3 + 2 + 2,
    });
    expect(rowOf(run.report, tenant, 'contact', destinations.salesforce)).toMatchObject({
      ...expected.salesforce,
      repaired: 2 + 1,
    });
    // Orphans are archived at once (mirror); the rest is delivered by the delivery-worker.
    expect(hubspotOrphans.some((id) => hubspotRecord(hubspot, id))).toBe(false);
    const { rows } = await t.pool.query<{ id: string; first_name: string; email: string }>(
      'SELECT id, first_name, email FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenant, active.slice(0, 8)],
    );
    await expectEventually(
      () => {
        for (const row of rows) {
          expect(hubspotRecord(hubspot, row.id)?.properties).toMatchObject({
            firstname: row.first_name,
            email: row.email,
          });
          expect(salesforceRecord(row.id)).toMatchObject({ FirstName: row.first_name });
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // Salesforce does not mirror: its record without a row stays; inactive contacts stay away.
    expect(salesforceRecord(salesforceOrphan)).toBeDefined();
    expect(inactive.some((id) => salesforceRecord(id))).toBe(false);
    // The reconciler's reads shared the destination's rate limit with the delivery-worker.
    expect(peakCalls(hubspot.state.calls(), HUBSPOT_LIMIT.intervalMs)).toBeLessThanOrEqual(
      HUBSPOT_LIMIT.requestsPerInterval,
    );

    const again = await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv());
    expect(again.code).toBe(0);
    for (const destination of [destinations.hubspot, destinations.salesforce]) {
      expect(rowOf(again.report, tenant, 'contact', destination)).toMatchObject({
        compared: 30,
        missing: 0,
        stale: 0,
        orphan: 0,
        repaired: 0,
        errors: 0,
      });
    }
  }, 300_000);

  it('skips a destination whose reads keep failing with recorded errors, and completes the run', async () => {
    destinations.failing = (
      await admin('POST', '/destinations', {
        name: 'HubSpot B',
        kind: 'hubspot',
        baseUrl: failing.url,
        credentials: { accessToken: HUBSPOT_TOKEN },
        rateLimit: HUBSPOT_LIMIT,
      })
    ).id;
    await admin('PUT', `/mappings/contact/${destinations.failing}`, hubspotMapping);
    // Every batch read fails (deliveries still go through).
    failing.state.setFaults({ errorRate: 1, errorStatus: 503, pathPattern: 'batch/read' });
    try {
      const run = await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv());
      expect(run.code).toBe(0);
      expect(run.report).toMatchObject({ reconcile_status: 'partial' });
      const broken = rowOf(run.report, tenant, 'contact', destinations.failing);
      expect(broken.errors).toBeGreaterThanOrEqual(1);
      expect(run.report?.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            destination: destinations.failing,
            where: expect.stringMatching(/contact ids .+\.\..+/),
            message: expect.stringMatching(/503|unavailable|HubSpot/i),
          }),
        ]),
      );
      // The other destinations were compared in full.
      for (const destination of [destinations.hubspot, destinations.salesforce]) {
        expect(rowOf(run.report, tenant, 'contact', destination)).toMatchObject({
          compared: 30,
          errors: 0,
        });
      }
      const { rows } = await t.pool.query(
        'SELECT status, jsonb_array_length(errors) AS errors FROM reconcile_runs WHERE id = $1',
        [run.report?.runId],
      );
      expect(rows[0]).toMatchObject({ status: 'partial', errors: expect.any(Number) });
      expect(rows[0].errors).toBeGreaterThanOrEqual(1);
    } finally {
      failing.state.clearFaults();
    }
  }, 180_000);
});
