import { randomUUID } from 'node:crypto';
import {
  RunningHubSpotSim,
  RunningSalesforceSim,
  startHubSpotSim,
  startSalesforceSim,
} from '../../../apps/crm-sim/src';
import { adminApi, crmDestinations } from '../support/admin-api';
import { appCounter } from '../support/app-counter';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';

// Two-way sync creating rows (`inbound.createRows`), by polling: a contact a HubSpot user creates
// becomes a row (Postgres, the cache), gets the row's identity written back in HubSpot (one
// record there, no echo), and reaches Salesforce, the one-way destination, as a create. Without
// createRows the same record creates nothing.

jest.setTimeout(300_000);

const t = testClients('two-way-create');
const adminKey = `admin-${randomUUID()}`;
/** One HubSpot portal per tenant: each tenant's poller sees only its own users' records. */
const hubspots: Record<'on' | 'off', RunningHubSpotSim | undefined> = {
  on: undefined,
  off: undefined,
};
let salesforce: RunningSalesforceSim;
const apps: AppProcess[] = [];
let api: string;
const admin = adminApi(() => api, adminKey);
/** A delivery-worker counter. */
const counter = (name: string, labels: Record<string, string>) => appCounter(apps[2], name, labels);

const hubspotMapping = (createRows: boolean) => ({
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email', direction: 'both' },
    { source: 'first_name', target: 'firstname', direction: 'both' },
    { source: 'last_name', target: 'lastname', direction: 'both' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  inbound: { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore', createRows },
});
const salesforceMapping = {
  object: 'Contact',
  identity: { source: 'id', target: 'Syncline_Id__c' },
  fields: [
    { source: 'email', target: 'Email' },
    { source: 'first_name', target: 'FirstName' },
    { source: 'last_name', target: 'LastName', default: 'Unknown' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
};

beforeAll(async () => {
  const properties = {
    contacts: [{ name: 'syncline_id', type: 'string' as const, hasUniqueValue: true }],
  };
  hubspots.on = await startHubSpotSim({ port: 0, properties });
  hubspots.off = await startHubSpotSim({ port: 0, properties });
  salesforce = await startSalesforceSim({ port: 0 });
  api = await startPipeline(t, adminKey, apps, {
    SYNCLINE_INBOUND_POLL_MS: '300',
    SYNCLINE_INBOUND_SETTLE_MS: '0',
  });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspots.on?.close();
  await hubspots.off?.close();
  await salesforce?.close();
  await t.close();
});

describe.each(['on', 'off'] as const)('createRows %s', (mode) => {
  const tenant = t.tenant(`create-${mode}`);
  const destinations = { hubspot: '', salesforce: '' };
  const hubspot = () => hubspots[mode]!;

  beforeAll(async () => {
    Object.assign(
      destinations,
      await crmDestinations(admin, tenant, {
        hubspot: hubspot().url,
        salesforce: salesforce.url,
      }),
    );
    const puts = [
      await admin(tenant, 'PUT', `/mappings/contact/${destinations.hubspot}`, {
        ...hubspotMapping(mode === 'on'),
      }),
      await admin(tenant, 'PUT', `/mappings/contact/${destinations.salesforce}`, salesforceMapping),
    ];
    for (const put of puts) expect(put).toMatchObject({ status: 200 });
    // Mappings apply within the workers' reload; a contact reaching both CRMs says they have.
    await expectEventually(
      async () => {
        const warmUp = await insertContact();
        await expectEventually(
          () => {
            expect(hubspotRecords((r) => r.properties.syncline_id === warmUp)).toHaveLength(1);
            expect(salesforceContacts(warmUp)).toHaveLength(1);
          },
          { timeoutMs: 10_000 },
        );
      },
      { timeoutMs: 60_000 },
    );
  });

  const insertContact = async (): Promise<string> =>
    (
      await t.pool.query<{ id: string }>(
        `INSERT INTO contacts (tenant_id, email, first_name) VALUES ($1, $2, 'Warm') RETURNING id`,
        [tenant, `${randomUUID().slice(0, 12)}@example.com`],
      )
    ).rows[0].id;
  const rowsByEmail = async (email: string) =>
    (
      await t.pool.query<{ id: string; first_name: string; last_name: string }>(
        'SELECT id, first_name, last_name FROM contacts WHERE tenant_id = $1 AND email = $2',
        [tenant, email],
      )
    ).rows;
  const hubspotRecords = (
    match: (r: ReturnType<RunningHubSpotSim['state']['records']>[number]) => boolean,
  ) =>
    hubspot()
      .state.records('contacts')
      .filter((r) => !r.archived && match(r));
  const salesforceContacts = (id: string) =>
    (salesforce.state.records('Contact') ?? []).filter(
      (r) => r.Syncline_Id__c === id && !r.IsDeleted,
    );
  const inboundLog = async () =>
    (await admin(tenant, 'GET', `/destinations/${destinations.hubspot}/inbound-log`)).body as {
      externalId: string;
      recordId: string | null;
      outcome: string;
      error: string | null;
    }[];

  if (mode === 'on') {
    it('creates the row of a contact a HubSpot user created, writes its identity back, and creates it in Salesforce', async () => {
      const email = `${randomUUID().slice(0, 12)}@example.com`;
      const upserts = () =>
        hubspot()
          .state.calls()
          .filter((c) => c.path === '/crm/v3/objects/contacts/batch/upsert').length;
      const upsertsBefore = upserts();
      const createdBefore = await counter('syncline_inbound_records_total', {
        destination: destinations.hubspot,
        outcome: 'created',
      });

      const created = hubspot().state.createRecord('contacts', {
        email,
        firstname: 'Grace',
        lastname: 'Hopper',
      });

      const id = await expectEventually(
        async () => {
          const rows = await rowsByEmail(email);
          expect(rows).toEqual([
            expect.objectContaining({ first_name: 'Grace', last_name: 'Hopper' }),
          ]);
          return rows[0].id;
        },
        { timeoutMs: 60_000 },
      );
      await expectEventually(async () => {
        const cached = await t.cache.get({ tenant, entity: 'contact', id });
        expect(cached && !cached.deleted && cached.data.email).toBe(email);
      });
      // The HubSpot record carries the row's identity: the same record, not a second one.
      await expectEventually(() =>
        expect(
          hubspot()
            .state.records('contacts')
            .find((r) => r.id === created.id)?.properties.syncline_id,
        ).toBe(id),
      );
      await expectEventually(() =>
        expect(salesforceContacts(id)).toEqual([
          expect.objectContaining({ Email: email, FirstName: 'Grace', LastName: 'Hopper' }),
        ]),
      );
      // Created once: later polls of the record (its write-back moved it) find nothing new.
      await expectEventually(async () =>
        expect(
          await counter('syncline_inbound_records_total', {
            destination: destinations.hubspot,
            outcome: 'created',
          }),
        ).toBe(createdBefore + 1),
      );
      expect(await inboundLog()).toEqual(
        expect.arrayContaining([expect.objectContaining({ externalId: created.id, recordId: id })]),
      );

      // The row's CDC insert reached HubSpot as the record it already holds: nothing was sent.
      // A later change of the row is sent, to the same record: the first upsert since the user
      // created it (this portal serves only this tenant).
      await t.pool.query('UPDATE contacts SET first_name = $3 WHERE tenant_id = $1 AND id = $2', [
        tenant,
        id,
        'Amazing Grace',
      ]);
      await expectEventually(() =>
        expect(hubspotRecords((r) => r.id === created.id)[0].properties.firstname).toBe(
          'Amazing Grace',
        ),
      );
      expect(upserts() - upsertsBefore).toBe(1);
      expect(hubspotRecords((r) => r.properties.email === email)).toHaveLength(1);
      expect(hubspotRecords((r) => r.properties.syncline_id === id)).toHaveLength(1);
    });
  } else {
    it('creates nothing for a contact a HubSpot user created', async () => {
      const email = `${randomUUID().slice(0, 12)}@example.com`;

      const created = hubspot().state.createRecord('contacts', { email, firstname: 'Lin' });

      await expectEventually(
        async () =>
          expect(await inboundLog()).toEqual(
            expect.arrayContaining([
              expect.objectContaining({
                externalId: created.id,
                outcome: 'ignored',
                recordId: null,
              }),
            ]),
          ),
        { timeoutMs: 60_000 },
      );
      expect(await rowsByEmail(email)).toEqual([]);
      expect(hubspotRecords((r) => r.id === created.id)[0].properties.syncline_id).toBeUndefined();
    });

    it('refuses createRows on a REST destination, naming the field', async () => {
      const rest = await admin(tenant, 'POST', '/destinations', {
        name: 'Ticket system',
        kind: 'rest',
        baseUrl: 'http://127.0.0.1:9',
        credentials: { token: 'rest-token-0123456789' },
        options: {
          pathTemplate: '/contacts/{identity}',
          properties: [{ name: 'email', type: 'string' }],
        },
        rateLimit: { requestsPerInterval: 10, intervalMs: 1000 },
      });
      expect(rest.status).toBe(201);

      const put = await admin(tenant, 'PUT', `/mappings/contact/${rest.body.id}`, {
        object: 'contacts',
        identity: { source: 'id', target: 'id' },
        fields: [{ source: 'email', target: 'email', direction: 'both' }],
        rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'ignore' },
        inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore', createRows: true },
      });

      expect(put.status).toBe(400);
      expect(JSON.stringify(put.body)).toContain('/inbound/createRows');
    });
  }
});
