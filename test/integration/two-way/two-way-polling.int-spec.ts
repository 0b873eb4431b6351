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

// Two-way sync by polling (no webhooks), HubSpot and then Salesforce as the two-way side: a CRM
// user's edit flows into Postgres, the cache and the other CRM; the CRM it came from gets no echo
// of it; the poll cursor survives a worker restart.

jest.setTimeout(300_000);

const t = testClients('two-way-poll');
const adminKey = `admin-${randomUUID()}`;
let hubspot: RunningHubSpotSim;
let salesforce: RunningSalesforceSim;
const apps: AppProcess[] = [];
let api: string;
const admin = adminApi(() => api, adminKey);
/** A delivery-worker counter. */
const counter = (name: string, labels: Record<string, string>) => appCounter(apps[2], name, labels);

type Crm = 'hubspot' | 'salesforce';

/**
 * Each CRM as these tests use it: its record of a row, a CRM user's edit, and the record's write
 * stamp (HubSpot `updatedAt`, Salesforce `SystemModstamp`), which any write to it moves.
 */
const crms = {
  hubspot: {
    nameFields: { first: 'firstname', last: 'lastname' },
    record: (id: string) =>
      hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && !r.archived),
    value: (id: string, field: string) => crms.hubspot.record(id)?.properties[field],
    edit: (id: string, fields: Record<string, string>) =>
      hubspot.state.editRecord('contacts', crms.hubspot.record(id)!.id, fields),
    stamp: (id: string): unknown => crms.hubspot.record(id)?.updatedAt,
  },
  salesforce: {
    nameFields: { first: 'FirstName', last: 'LastName' },
    record: (id: string) =>
      salesforce.state.records('Contact')?.find((r) => r.Syncline_Id__c === id && !r.IsDeleted),
    value: (id: string, field: string) => crms.salesforce.record(id)?.[field],
    edit: (id: string, fields: Record<string, string>) =>
      salesforce.state.editRecord('Contact', String(crms.salesforce.record(id)!.Id), fields),
    // Queries (the poller's and the reads) and the token are not writes.
    stamp: (id: string): unknown => crms.salesforce.record(id)?.SystemModstamp,
  },
};

const mappings = {
  hubspot: (twoWay: boolean) => ({
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'first_name', target: 'firstname', ...(twoWay ? { direction: 'both' } : {}) },
      { source: 'last_name', target: 'lastname', ...(twoWay ? { direction: 'both' } : {}) },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    ...(twoWay ? { inbound: { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore' } } : {}),
  }),
  salesforce: (twoWay: boolean) => ({
    object: 'Contact',
    identity: { source: 'id', target: 'Syncline_Id__c' },
    fields: [
      { source: 'email', target: 'Email' },
      { source: 'first_name', target: 'FirstName', ...(twoWay ? { direction: 'both' } : {}) },
      {
        source: 'last_name',
        target: 'LastName',
        ...(twoWay ? { direction: 'both' } : { default: 'Unknown' }),
      },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    ...(twoWay ? { inbound: { conflictPolicy: 'postgres_wins', deletePolicy: 'ignore' } } : {}),
  }),
};

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
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await salesforce?.close();
  await t.close();
});

describe.each(['hubspot', 'salesforce'] as const)('two-way sync by polling %s', (twoWay: Crm) => {
  const other: Crm = twoWay === 'hubspot' ? 'salesforce' : 'hubspot';
  const tenant = t.tenant(`acme-${twoWay}`);
  const destinations = { hubspot: '', salesforce: '' };
  const crm = crms[twoWay];

  beforeAll(async () => {
    Object.assign(
      destinations,
      await crmDestinations(admin, tenant, { hubspot: hubspot.url, salesforce: salesforce.url }),
    );
    for (const kind of ['hubspot', 'salesforce'] as const) {
      const put = await admin(
        tenant,
        'PUT',
        `/mappings/contact/${destinations[kind]}`,
        mappings[kind](kind === twoWay),
      );
      expect(put).toMatchObject({ status: 200 });
    }
  });

  const insertContact = async (firstName: string): Promise<string> =>
    (
      await t.pool.query<{ id: string }>(
        `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, $3, 'Lovelace') RETURNING id`,
        [tenant, `${randomUUID().slice(0, 12)}@example.com`, firstName],
      )
    ).rows[0].id;
  const row = async (id: string) =>
    (
      await t.pool.query<{ first_name: string; last_name: string }>(
        'SELECT first_name, last_name FROM contacts WHERE tenant_id = $1 AND id = $2',
        [tenant, id],
      )
    ).rows[0];

  it(`brings a ${twoWay} user edit into Postgres, the cache and ${other}, with no echo to ${twoWay}`, async () => {
    // Mappings apply within the workers' reload; a contact reaching both CRMs says they have.
    const id = await expectEventually(
      async () => {
        const candidate = await insertContact('Ada');
        await expectEventually(
          () => {
            expect(crms.hubspot.record(candidate)).toBeDefined();
            expect(crms.salesforce.record(candidate)).toBeDefined();
          },
          { timeoutMs: 10_000 },
        );
        return candidate;
      },
      { timeoutMs: 60_000 },
    );
    const unchangedBefore = await counter('syncline_delivery_records_total', {
      destination: destinations[twoWay],
      outcome: 'unchanged',
    });
    crm.edit(id, { [crm.nameFields.first]: 'Grace' });
    const edited = crm.stamp(id);

    await expectEventually(async () => expect((await row(id)).first_name).toBe('Grace'), {
      timeoutMs: 60_000,
    });
    await expectEventually(async () => {
      const cached = await t.cache.get({ tenant, entity: 'contact', id });
      expect(cached && !cached.deleted && cached.data.first_name).toBe('Grace');
    });
    await expectEventually(() =>
      expect(crms[other].value(id, crms[other].nameFields.first)).toBe('Grace'),
    );
    // The two-way CRM's queue has taken the change: skipped as unchanged (it holds the value
    // already), or sent, which the next assertion refuses: the record was not written since.
    await expectEventually(async () => {
      const unchanged = await counter('syncline_delivery_records_total', {
        destination: destinations[twoWay],
        outcome: 'unchanged',
      });
      expect(unchanged > unchangedBefore || crm.stamp(id) !== edited).toBe(true);
    });
    expect(crm.stamp(id)).toBe(edited);
    const inbound = await admin(tenant, 'GET', `/destinations/${destinations[twoWay]}/inbound-log`);
    expect(inbound.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordId: id, outcome: 'applied' })]),
    );
  });

  it('keeps its cursor across a restart: an edit made while no worker ran is applied after', async () => {
    const id = await insertContact('Lin');
    await expectEventually(() => expect(crm.record(id)).toBeDefined(), { timeoutMs: 60_000 });
    const deliveryWorker = apps[2];
    expect(await deliveryWorker.stop()).toBe(0);

    crm.edit(id, { [crm.nameFields.last]: 'Hopper' });

    const restarted = AppProcess.start('delivery-worker', deliveryWorker.env);
    apps[2] = restarted;
    await restarted.waitForOutput('ops endpoints on', 180_000);
    await expectEventually(async () => expect((await row(id)).last_name).toBe('Hopper'), {
      timeoutMs: 60_000,
    });
    await expectEventually(() =>
      expect(crms[other].value(id, crms[other].nameFields.last)).toBe('Hopper'),
    );
  });
});
