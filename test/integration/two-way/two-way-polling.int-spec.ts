import { randomUUID } from 'node:crypto';
import {
  RunningHubSpotSim,
  RunningSalesforceSim,
  startHubSpotSim,
  startSalesforceSim,
} from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';

// Two-way sync by polling (no webhooks): a CRM user's edit in HubSpot flows into Postgres, the
// cache and Salesforce; HubSpot gets no echo of it; the poll cursor survives a worker restart.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

jest.setTimeout(300_000);

const t = testClients('two-way-poll');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
let hubspot: RunningHubSpotSim;
let salesforce: RunningSalesforceSim;
const apps: AppProcess[] = [];
let api: string;
const destinations = { hubspot: '', salesforce: '' };

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function insertContact(firstName: string): Promise<string> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, $3, 'Lovelace') RETURNING id`,
    [tenant, `${randomUUID().slice(0, 12)}@example.com`, firstName],
  );
  return rows[0].id;
}

const row = async (id: string) =>
  (
    await t.pool.query<{ first_name: string; last_name: string; version: string }>(
      'SELECT first_name, last_name, version FROM contacts WHERE tenant_id = $1 AND id = $2',
      [tenant, id],
    )
  ).rows[0];
const hubspotRecord = (id: string) =>
  hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && !r.archived);
const salesforceRecord = (id: string) =>
  salesforce.state.records('Contact')?.find((r) => r.Syncline_Id__c === id && !r.IsDeleted);
/** Calls that write to HubSpot (the poller's searches only read). */
const hubspotWrites = () =>
  hubspot.state.calls().filter((call) => call.method !== 'GET' && !call.path.endsWith('/search'));

/** A delivery-worker counter, summed over the series that carry all of `labels`. */
async function counter(worker: AppProcess, name: string, labels: Record<string, string>) {
  const port = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  salesforce = await startSalesforceSim({ port: 0 });
  api = await startPipeline(t, adminKey, apps, {
    SYNCLINE_INBOUND_POLL_MS: '300',
    SYNCLINE_INBOUND_SETTLE_MS: '0',
  });

  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
  const hs = await admin('POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  const sf = await admin('POST', '/destinations', {
    name: 'Salesforce',
    kind: 'salesforce',
    baseUrl: salesforce.url,
    credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
    options: { loginUrl: salesforce.url },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  expect([hs.status, sf.status]).toEqual([201, 201]);
  destinations.hubspot = hs.body.id;
  destinations.salesforce = sf.body.id;

  const hubspotMapping = await admin('PUT', `/mappings/contact/${destinations.hubspot}`, {
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'first_name', target: 'firstname', direction: 'both' },
      { source: 'last_name', target: 'lastname', direction: 'both' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    inbound: { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore' },
  });
  expect(hubspotMapping).toMatchObject({ status: 200 });
  const salesforceMapping = await admin('PUT', `/mappings/contact/${destinations.salesforce}`, {
    object: 'Contact',
    identity: { source: 'id', target: 'Syncline_Id__c' },
    fields: [
      { source: 'email', target: 'Email' },
      { source: 'first_name', target: 'FirstName' },
      { source: 'last_name', target: 'LastName', default: 'Unknown' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  });
  expect(salesforceMapping).toMatchObject({ status: 200 });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await salesforce?.close();
  await t.close();
});

describe('two-way sync by polling', () => {
  it('brings a HubSpot user edit into Postgres, the cache and Salesforce, with no echo to HubSpot', async () => {
    // Mappings apply within the workers' reload; a contact reaching both CRMs says they have.
    const id = await expectEventually(
      async () => {
        const candidate = await insertContact('Ada');
        await expectEventually(
          () => {
            expect(hubspotRecord(candidate)).toBeDefined();
            expect(salesforceRecord(candidate)).toBeDefined();
          },
          { timeoutMs: 10_000 },
        );
        return candidate;
      },
      { timeoutMs: 60_000 },
    );
    const deliveryWorker = apps[2];
    const unchangedBefore = await counter(deliveryWorker, 'syncline_delivery_records_total', {
      destination: destinations.hubspot,
      outcome: 'unchanged',
    });
    const writesBefore = hubspotWrites().length;

    hubspot.state.editRecord('contacts', hubspotRecord(id)!.id, { firstname: 'Grace' });

    await expectEventually(async () => expect((await row(id)).first_name).toBe('Grace'), {
      timeoutMs: 60_000,
    });
    await expectEventually(async () => {
      const cached = await t.cache.get({ tenant, entity: 'contact', id });
      expect(cached && !cached.deleted && cached.data.first_name).toBe('Grace');
    });
    await expectEventually(() => expect(salesforceRecord(id)?.FirstName).toBe('Grace'));
    // HubSpot's queue has taken the change: skipped as unchanged (it holds the value already), or
    // sent, which the next assertion refuses.
    await expectEventually(async () => {
      const unchanged = await counter(deliveryWorker, 'syncline_delivery_records_total', {
        destination: destinations.hubspot,
        outcome: 'unchanged',
      });
      expect(unchanged > unchangedBefore || hubspotWrites().length > writesBefore).toBe(true);
    });
    // ...and sent nothing back.
    expect(hubspotWrites().slice(writesBefore)).toEqual([]);
    const inbound = await admin('GET', `/destinations/${destinations.hubspot}/inbound-log`).catch(
      () => undefined,
    );
    if (inbound?.status === 200)
      expect(inbound.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ recordId: id, outcome: 'applied' })]),
      );
  });

  it('keeps its cursor across a restart: an edit made while no worker ran is applied after', async () => {
    const id = await insertContact('Lin');
    await expectEventually(() => expect(hubspotRecord(id)).toBeDefined(), { timeoutMs: 60_000 });
    const [, , deliveryWorker] = apps;
    expect(await deliveryWorker.stop()).toBe(0);

    hubspot.state.editRecord('contacts', hubspotRecord(id)!.id, { lastname: 'Hopper' });

    const restarted = AppProcess.start('delivery-worker', deliveryWorker.env);
    apps[2] = restarted;
    await restarted.waitForOutput('ops endpoints on', 180_000);
    await expectEventually(async () => expect((await row(id)).last_name).toBe('Hopper'), {
      timeoutMs: 60_000,
    });
    await expectEventually(() => expect(salesforceRecord(id)?.LastName).toBe('Hopper'));
  });
});
