import { randomUUID } from 'node:crypto';
import { TOPICS } from '@syncline/events';
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
import { TopicReader } from '../support/topic-reader';

// Postgres -> Debezium -> Kafka -> sync-worker -> Redis -> delivery-worker -> HubSpot/Salesforce sims.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

// End-to-end through six processes and two simulators: generous per-test time.
jest.setTimeout(300_000);

const t = testClients('delivery');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const HUBSPOT_LIMIT = { requestsPerInterval: 10, intervalMs: 1000 };
let hubspot: RunningHubSpotSim;
let salesforce: RunningSalesforceSim;
const apps: AppProcess[] = [];
let api: string;
const destinations: { hubspot: string; salesforce: string } = { hubspot: '', salesforce: '' };

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

const hubspotContactMapping = (
  firstNameField: Record<string, unknown> = { maxLength: 30 },
  extra: Record<string, unknown>[] = [],
) => ({
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    { source: 'first_name', target: 'firstname', ...firstNameField },
    { source: 'last_name', target: 'lastname' },
    { source: 'custom_fields.plan', target: 'syncline_plan' },
    ...extra,
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
});

async function insertContact(fields: Record<string, unknown>): Promise<string> {
  const row = {
    email: `${randomUUID().slice(0, 12)}@example.com`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    ...fields,
  };
  const names = Object.keys(row);
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, ${names.join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
    [tenant, ...Object.values(row)],
  );
  return rows[0].id;
}

const hubspotRecord = (id: string) =>
  hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && !r.archived);
const salesforceRecord = (id: string) =>
  salesforce.state.records('Contact')?.find((r) => r.Syncline_Id__c === id && !r.IsDeleted);

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

/** The sum of a delivery-worker counter over the series whose labels include all of `labels`. */
async function deliveryWorkerCounter(
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const port = /ops endpoints on :(\d+)/.exec(apps[2].output)?.[1];
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    properties: {
      contacts: [
        { name: 'syncline_id', type: 'string', hasUniqueValue: true },
        { name: 'syncline_plan', type: 'string' },
      ],
      companies: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }],
      deals: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }],
    },
  });
  salesforce = await startSalesforceSim({
    port: 0,
    customFields: { Contact: [{ name: 'Plan__c', type: 'string', length: 40 }] },
  });

  api = await startPipeline(t, adminKey, apps);

  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
  const hs = await admin('POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit: HUBSPOT_LIMIT,
  });
  expect(hs.status).toBe(201);
  expect(JSON.stringify(hs.body)).not.toContain('hubspot-private-app-token'); // never returned
  const sf = await admin('POST', '/destinations', {
    name: 'Salesforce',
    kind: 'salesforce',
    baseUrl: salesforce.url,
    credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
    options: { loginUrl: salesforce.url },
    rateLimit: { requestsPerInterval: 20, intervalMs: 1000 },
  });
  expect(sf.status).toBe(201);
  destinations.hubspot = hs.body.id;
  destinations.salesforce = sf.body.id;

  const mappings: [string, string, unknown][] = [
    ['contact', destinations.hubspot, hubspotContactMapping()],
    [
      'contact',
      destinations.salesforce,
      {
        object: 'Contact',
        identity: { source: 'id', target: 'Syncline_Id__c' },
        fields: [
          { source: 'email', target: 'Email' },
          { source: 'first_name', target: 'FirstName' },
          { source: 'last_name', target: 'LastName', default: 'Unknown' },
          { source: 'custom_fields.plan', target: 'Plan__c' },
        ],
        // Only active contacts, only when a mapped field changed; deletes archive.
        rules: {
          operations: ['create', 'update', 'delete'],
          conditions: [{ field: 'status', op: 'eq', value: 'active' }],
          triggerFields: ['email', 'first_name', 'last_name', 'custom_fields.plan', 'status'],
          deletePolicy: 'archive',
        },
      },
    ],
    [
      'company',
      destinations.salesforce,
      {
        object: 'Account',
        identity: { source: 'id', target: 'Syncline_Id__c' },
        fields: [
          { source: 'name', target: 'Name' },
          { source: 'domain', target: 'Website' },
        ],
        rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'ignore' },
      },
    ],
    [
      'deal',
      destinations.hubspot,
      {
        object: 'deals',
        identity: { source: 'id', target: 'syncline_id' },
        fields: [
          { source: 'name', target: 'dealname' },
          { source: 'amount', target: 'amount', transform: 'number' },
          { source: 'close_date', target: 'closedate', transform: 'midnight_epoch_ms' },
          {
            source: 'stage',
            target: 'dealstage',
            transform: 'enum',
            enumMap: {
              appointment_scheduled: 'appointmentscheduled',
              qualified: 'qualifiedtobuy',
              proposal: 'presentationscheduled',
              closed_won: 'closedwon',
              closed_lost: 'closedlost',
            },
          },
        ],
        rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
      },
    ],
  ];
  for (const [entity, destination, document] of mappings) {
    const response = await admin('PUT', `/mappings/${entity}/${destination}`, document);
    expect(response).toMatchObject({ status: 200 });
  }
  // Workers pick up control-plane changes on their next reload (every 500 ms here): changes made
  // before that are not routed to the new mapping (the reconciler's `reconcile crm` backfills them).
  await new Promise((resolve) => setTimeout(resolve, 1500));
}, 180_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await salesforce?.close();
  await t.close();
});

describe('delivery to CRMs', () => {
  it('rejects a bad mapping with 400 naming the path', async () => {
    const bad = hubspotContactMapping({ transform: 'enum' });
    const response = await admin('PUT', `/mappings/contact/${destinations.hubspot}`, bad);
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^\/fields\/1/) }),
      ]),
    );
  });

  it('delivers creates, updates and deletes with mapped fields, custom fields and identity, by the rules', async () => {
    const active = await insertContact({
      first_name: 'Grace',
      custom_fields: JSON.stringify({ plan: 'pro' }),
    });
    const inactive = await insertContact({ first_name: 'Ivy', status: 'inactive' });
    // The first delivery waits until the new consumer groups have read the topics' history
    // (earlier test files wrote to the same CDC and notice topics).
    await expectEventually(
      () => {
        expect(hubspotRecord(active)?.properties).toMatchObject({
          firstname: 'Grace',
          lastname: 'Lovelace',
          syncline_plan: 'pro',
        });
        expect(salesforceRecord(active)).toMatchObject({ FirstName: 'Grace', Plan__c: 'pro' });
        expect(hubspotRecord(inactive)?.properties).toMatchObject({ firstname: 'Ivy' });
      },
      { timeoutMs: 120_000 },
    );
    // Salesforce only takes active contacts.
    expect(salesforceRecord(inactive)).toBeUndefined();

    // lead_score is no trigger field for Salesforce: HubSpot gets nothing new either (not mapped).
    const sfCallsBefore = salesforce.state.calls().length;
    await t.pool.query(`UPDATE contacts SET lead_score = 99 WHERE tenant_id = $1 AND id = $2`, [
      tenant,
      active,
    ]);
    await t.pool.query(
      `UPDATE contacts SET first_name = 'Grace B.' WHERE tenant_id = $1 AND id = $2`,
      [tenant, active],
    );
    await expectEventually(() => {
      expect(hubspotRecord(active)?.properties.firstname).toBe('Grace B.');
      expect(salesforceRecord(active)?.FirstName).toBe('Grace B.');
    });
    const sfUpserts = salesforce.state
      .calls(0)
      .slice(sfCallsBefore)
      .filter((c) => c.method === 'PATCH');
    expect(sfUpserts.length).toBeLessThanOrEqual(2);

    // Companies to Salesforce Accounts; the delete policy there is "ignore".
    const { rows } = await t.pool.query<{ id: string }>(
      `INSERT INTO companies (tenant_id, name, domain) VALUES ($1, 'Initech', 'initech.example') RETURNING id`,
      [tenant],
    );
    const company = rows[0].id;
    await expectEventually(() =>
      expect(
        salesforce.state.records('Account')?.find((r) => r.Syncline_Id__c === company),
      ).toMatchObject({ Name: 'Initech' }),
    );

    // Deals to HubSpot with number, date and enum transforms.
    const { rows: dealRows } = await t.pool.query<{ id: string }>(
      `INSERT INTO deals (tenant_id, name, amount, close_date, stage) VALUES ($1, 'Big deal', '1250.50', '2026-12-31', 'qualified') RETURNING id`,
      [tenant],
    );
    const deal = dealRows[0].id;
    await expectEventually(() =>
      expect(
        hubspot.state.records('deals').find((r) => r.properties.syncline_id === deal)?.properties,
      ).toMatchObject({
        dealname: 'Big deal',
        amount: '1250.5',
        dealstage: 'qualifiedtobuy',
        // midnight epoch ms went out; the sim (like HubSpot) reads dates back as ISO strings
        closedate: new Date(Date.UTC(2026, 11, 31)).toISOString(),
      }),
    );

    // Deletes: contacts archive in both CRMs; the company stays in Salesforce (policy ignore).
    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, active]);
    await t.pool.query('DELETE FROM companies WHERE tenant_id = $1 AND id = $2', [tenant, company]);
    await expectEventually(() => {
      expect(hubspotRecord(active)).toBeUndefined();
      expect(salesforceRecord(active)).toBeUndefined();
    });
    expect(
      salesforce.state.records('Account')?.find((r) => r.Syncline_Id__c === company),
    ).toBeDefined();

    // The operator sees it all in the delivery log.
    const log = await admin(
      'GET',
      `/destinations/${destinations.hubspot}/deliveries?recordId=${active}`,
    );
    expect(log.body).toEqual([
      expect.objectContaining({ recordId: active, operation: 'archive', status: 'delivered' }),
    ]);
  });

  it('collapses a backlog of 1,000 updates of 100 records into a handful of batch calls, within the rate limit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(await insertContact({ first_name: `Bulk ${i}` }));
    await expectEventually(() => expect(ids.every((id) => hubspotRecord(id))).toBe(true), {
      timeoutMs: 60_000,
    });
    // The backlog builds while HubSpot's queue is held (as behind an outage or a rate limit), so
    // what is measured is coalescing, not how fast this machine delivers between two UPDATEs.
    const queue = TOPICS.deliveryTasks(t.env.SYNCLINE_TOPIC_PREFIX, destinations.hubspot);
    const reader = await TopicReader.start(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [queue]);
    expect((await admin('POST', `/destinations/${destinations.hubspot}/pause`)).status).toBe(200);
    const before = hubspot.state.calls().length;
    for (let round = 1; round <= 10; round++) {
      await t.pool.query(
        `UPDATE contacts SET last_name = 'Round ' || $2::text WHERE tenant_id = $1 AND id = ANY($3::uuid[])`,
        [tenant, round, ids],
      );
    }
    // Resume once the last round is in the cache and its task for every record is in the queue.
    const finalVersions = await expectEventually(async () => {
      const cached = await t.cache.getMany(ids.map((id) => ({ tenant, entity: 'contact', id })));
      expect(
        cached.every((record) => record?.deleted === false && record.data.last_name === 'Round 10'),
      ).toBe(true);
      return new Map(ids.map((id, index) => [id, cached[index]?.version]));
    });
    await expectEventually(() => {
      const queued = reader.messages
        .map((message) => message.value as { id: string; version: number })
        .filter((task) => finalVersions.get(task.id) === task.version);
      expect(new Set(queued.map((task) => task.id)).size).toBe(ids.length);
    });
    await reader.stop();
    expect((await admin('POST', `/destinations/${destinations.hubspot}/resume`)).status).toBe(200);
    await expectEventually(
      () =>
        expect(ids.every((id) => hubspotRecord(id)?.properties.lastname === 'Round 10')).toBe(true),
      { timeoutMs: 60_000 },
    );
    const calls = hubspot.state
      .calls()
      .slice(before)
      .filter((c) => c.path.includes('/batch/upsert'));
    // 1,000 queued changes; state-based delivery and batching send each record's latest state a few times at most.
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(25);
    expect(calls.reduce((sum, c) => sum + c.items, 0)).toBeLessThan(1000);
    expect(peakCalls(hubspot.state.calls(), HUBSPOT_LIMIT.intervalMs)).toBeLessThanOrEqual(
      HUBSPOT_LIMIT.requestsPerInterval,
    );
    console.log(
      `1000 updates of 100 records -> ${calls.length} HubSpot batch calls, ${calls.reduce((s, c) => s + c.items, 0)} records sent`,
    );

    // The final CRM state equals the database.
    const { rows } = await t.pool.query<{ id: string; last_name: string; first_name: string }>(
      'SELECT id, first_name, last_name FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
      [tenant, ids],
    );
    for (const row of rows)
      expect(hubspotRecord(row.id)?.properties).toMatchObject({
        firstname: row.first_name,
        lastname: row.last_name,
      });
  });

  it('rides out a 60-second outage and a spent API allowance (403 REQUEST_LIMIT_EXCEEDED) on Salesforce without losing anything or slowing HubSpot', async () => {
    salesforce.state.setFaults({ outageMs: 60_000 });
    const during: string[] = [];
    for (let i = 0; i < 10; i++) during.push(await insertContact({ first_name: `Outage ${i}` }));
    // HubSpot is not held up by the dead Salesforce.
    await expectEventually(() => expect(during.every((id) => hubspotRecord(id))).toBe(true), {
      timeoutMs: 20_000,
    });
    // Salesforce was tried and refused meanwhile (the worker holds and retries, it does not skip).
    await expectEventually(() =>
      expect(salesforce.state.calls().some((c) => c.status >= 500 || c.status === 0)).toBe(true),
    );

    await expectEventually(() => expect(during.every((id) => salesforceRecord(id))).toBe(true), {
      timeoutMs: 150_000,
      intervalMs: 1000,
    });

    // Salesforce's real limit (it never answers 429): the org's API allowance is spent.
    const since = salesforce.state.calls().at(-1)?.seq ?? 0;
    salesforce.state.setLimits({ apiUsage: salesforce.state.getLimits().dailyApiRequests });
    const limited: string[] = [];
    for (let i = 0; i < 10; i++) limited.push(await insertContact({ first_name: `Limit ${i}` }));
    await expectEventually(() => expect(limited.every((id) => hubspotRecord(id))).toBe(true), {
      timeoutMs: 20_000,
    });
    const refused = () => salesforce.state.calls(since).filter((c) => c.status === 403);
    await expectEventually(() => expect(refused().length).toBeGreaterThan(0), {
      timeoutMs: 30_000,
    });
    salesforce.state.setLimits({ apiUsage: 0 });
    await expectEventually(() => expect(limited.every((id) => salesforceRecord(id))).toBe(true), {
      timeoutMs: 90_000,
      intervalMs: 1000,
    });
    // While the allowance was spent the worker held off instead of hammering.
    expect(refused().length).toBeLessThan(20);
  }, 300_000);

  it('dead-letters a permanently invalid record with its reason; after the mapping is fixed, replay delivers it', async () => {
    const longName = 'Bartholomew-Maximilian Featherstonehaugh';
    const id = await insertContact({ first_name: longName });
    await expectEventually(async () => {
      const log = await admin(
        'GET',
        `/destinations/${destinations.hubspot}/deliveries?recordId=${id}`,
      );
      expect(log.body).toEqual([
        expect.objectContaining({
          status: 'dead_lettered',
          errorClass: 'permanent',
          error: expect.stringContaining('firstname'),
        }),
      ]);
    });
    expect(hubspotRecord(id)).toBeUndefined();

    // Fix: truncate instead of refusing. Then replay the destination's dead letters.
    expect(
      (
        await admin(
          'PUT',
          `/mappings/contact/${destinations.hubspot}`,
          hubspotContactMapping({ maxLength: 30, truncate: true }),
        )
      ).status,
    ).toBe(200);
    let fromOffset = 0;
    let replayed = 0;
    for (;;) {
      const page = await admin('POST', `/destinations/${destinations.hubspot}/dlq/replay`, {
        fromOffset,
        limit: 50,
        errorClass: 'permanent',
      });
      expect(page.status).toBe(200);
      replayed += page.body.processed;
      fromOffset = page.body.lastReadOffset + 1;
      if (page.body.endOfStream) break;
    }
    expect(replayed).toBeGreaterThanOrEqual(1);
    await expectEventually(() =>
      expect(hubspotRecord(id)?.properties.firstname).toBe(longName.slice(0, 30)),
    );
  });

  it('holds a paused destination back without losing its changes; resume delivers the latest', async () => {
    // The route `syncctl pause` takes (through the API server's service proxy in a cluster).
    const paused = await admin('POST', `/destinations/${destinations.hubspot}/pause`);
    expect(paused).toMatchObject({ status: 200, body: { paused: true } });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // workers reload every 500 ms here
    const pausedLabels = { destination: destinations.hubspot, reason: 'paused' };
    const heldBefore = await deliveryWorkerCounter(
      'syncline_delivery_throttled_total',
      pausedLabels,
    );
    const id = await insertContact({ first_name: 'Paused', status: 'active' });
    await t.pool.query(`UPDATE contacts SET last_name = 'Later' WHERE tenant_id = $1 AND id = $2`, [
      tenant,
      id,
    ]);
    // Salesforce, not paused, gets it: the change went through routing; HubSpot's sender saw its
    // batch since and put it back (held as paused) instead of delivering it.
    await expectEventually(() => expect(salesforceRecord(id)?.LastName).toBe('Later'));
    await expectEventually(async () =>
      expect(
        await deliveryWorkerCounter('syncline_delivery_throttled_total', pausedLabels),
      ).toBeGreaterThan(heldBefore + 1),
    );
    expect(hubspotRecord(id)).toBeUndefined();

    expect(
      (await admin('POST', `/destinations/${destinations.hubspot}/resume`)).body,
    ).toMatchObject({ paused: false });
    await expectEventually(() =>
      expect(hubspotRecord(id)?.properties).toMatchObject({
        firstname: 'Paused',
        lastname: 'Later',
      }),
    );
  });

  it('applies a mapping changed through the API to the next change, without restarting a worker', async () => {
    const id = await insertContact({ first_name: 'Phone', phone: '+1 555 0100' });
    await expectEventually(() => expect(hubspotRecord(id)).toBeDefined());
    expect(hubspotRecord(id)?.properties.phone ?? null).toBeNull();
    const withPhone = hubspotContactMapping({ maxLength: 30, truncate: true }, [
      { source: 'phone', target: 'phone' },
    ]);
    expect(
      (await admin('PUT', `/mappings/contact/${destinations.hubspot}`, withPhone)).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // workers reload every 500 ms here
    await t.pool.query(
      `UPDATE contacts SET phone = '+1 555 0199' WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    await expectEventually(() => expect(hubspotRecord(id)?.properties.phone).toBe('+1 555 0199'));
    expect(apps.every((app) => app.running)).toBe(true);
  });

  it('deletes a destination with its mappings: later changes go to the others only', async () => {
    expect((await admin('DELETE', `/destinations/${destinations.salesforce}`)).status).toBe(204);
    expect((await admin('GET', `/destinations/${destinations.salesforce}`)).status).toBe(404);
    expect(
      (await admin('GET', '/mappings')).body.filter(
        (m: Json) => m.destinationId === destinations.salesforce,
      ),
    ).toEqual([]);
    expect((await admin('DELETE', `/destinations/${destinations.salesforce}`)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // workers reload every 500 ms here

    const routedLabels = { tenant, entity: 'contact' };
    const routedBefore = await deliveryWorkerCounter(
      'syncline_delivery_routed_total',
      routedLabels,
    );
    const id = await insertContact({ first_name: 'After', status: 'active' });
    await expectEventually(() => expect(hubspotRecord(id)).toBeDefined());
    // The router enqueued the change for HubSpot alone: one task per notice, none for Salesforce.
    expect(await deliveryWorkerCounter('syncline_delivery_routed_total', routedLabels)).toBe(
      routedBefore + 1,
    );
    expect(salesforceRecord(id)).toBeUndefined();
    expect(apps.every((app) => app.running)).toBe(true);
  });
});
