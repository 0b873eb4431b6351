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

// Concurrent edits of one record on both sides, 200 rounds, under each conflict policy: Postgres,
// the cache, HubSpot (two-way) and Salesforce (one-way) end equal, and once they are, nothing
// more is written anywhere: no ping-pong. One tenant (and HubSpot account) per policy.

jest.setTimeout(600_000);

const ROUNDS = 200;
const POLICIES = ['postgres_wins', 'crm_wins', 'last_writer_wins', 'field_ownership'] as const;
type Policy = (typeof POLICIES)[number];

const t = testClients('two-way-conflicts');
const adminKey = `admin-${randomUUID()}`;
const apps: AppProcess[] = [];
let api: string;
const admin = adminApi(() => api, adminKey);
/** A delivery-worker counter. */
const counter = (name: string, labels: Record<string, string>) => appCounter(apps[2], name, labels);
let salesforce: RunningSalesforceSim;
const accounts = new Map<
  Policy,
  { tenant: string; hubspot: RunningHubSpotSim; destination: string }
>();

const hubspotMapping = (policy: Policy) => ({
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    {
      source: 'first_name',
      target: 'firstname',
      direction: 'both',
      ...(policy === 'field_ownership' ? { owner: 'crm' } : {}),
    },
    {
      source: 'last_name',
      target: 'lastname',
      direction: 'both',
      ...(policy === 'field_ownership' ? { owner: 'postgres' } : {}),
    },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  inbound: {
    conflictPolicy: policy,
    deletePolicy: 'ignore',
    ...(policy === 'last_writer_wins' ? { modifiedAtColumn: 'updated_at' } : {}),
  },
});

beforeAll(async () => {
  salesforce = await startSalesforceSim({ port: 0 });
  api = await startPipeline(t, adminKey, apps, {
    SYNCLINE_INBOUND_POLL_MS: '300',
    SYNCLINE_INBOUND_SETTLE_MS: '0',
  });
  for (const policy of POLICIES) {
    const tenant = t.tenant(policy.replace(/_/g, '-'));
    const hubspot = await startHubSpotSim({
      port: 0,
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    });
    const ids = await crmDestinations(admin, tenant, {
      hubspot: hubspot.url,
      salesforce: salesforce.url,
    });
    const mappings = [
      await admin(tenant, 'PUT', `/mappings/contact/${ids.hubspot}`, hubspotMapping(policy)),
      await admin(tenant, 'PUT', `/mappings/contact/${ids.salesforce}`, {
        object: 'Contact',
        identity: { source: 'id', target: 'Syncline_Id__c' },
        fields: [
          { source: 'email', target: 'Email' },
          { source: 'first_name', target: 'FirstName' },
          { source: 'last_name', target: 'LastName', default: 'Unknown' },
        ],
        rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
      }),
    ];
    expect(mappings.map((m) => m.status)).toEqual([200, 200]);
    accounts.set(policy, { tenant, hubspot, destination: ids.hubspot });
  }
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all([...accounts.values()].map(({ hubspot }) => hubspot.close()));
  await salesforce?.close();
  await t.close();
});

describe.each(POLICIES)('concurrent edits under %s', (policy) => {
  it(`converge after ${ROUNDS} rounds and stay converged with no further writes`, async () => {
    const { tenant, hubspot, destination } = accounts.get(policy)!;
    const hubspotRecord = (id: string) =>
      hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id);
    const salesforceRecord = (id: string) =>
      salesforce.state.records('Contact')?.find((r) => r.Syncline_Id__c === id && !r.IsDeleted);
    const insert = async () =>
      (
        await t.pool.query<{ id: string }>(
          `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace') RETURNING id`,
          [tenant, `${randomUUID().slice(0, 12)}@example.com`],
        )
      ).rows[0].id;
    // The mappings are in effect once a new contact reaches both CRMs.
    const id = await expectEventually(
      async () => {
        const candidate = await insert();
        await expectEventually(
          () => {
            expect(hubspotRecord(candidate)).toBeDefined();
            expect(salesforceRecord(candidate)).toBeDefined();
          },
          { timeoutMs: 10_000 },
        );
        return candidate;
      },
      { timeoutMs: 90_000 },
    );
    const hubspotId = hubspotRecord(id)!.id;

    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all([
        t.pool.query(
          'UPDATE contacts SET first_name = $3, last_name = $4 WHERE tenant_id = $1 AND id = $2',
          [tenant, id, `pg-first-${round}`, `pg-last-${round}`],
        ),
        Promise.resolve().then(() =>
          hubspot.state.editRecord('contacts', hubspotId, {
            firstname: `crm-first-${round}`,
            lastname: `crm-last-${round}`,
          }),
        ),
      ]);
    }

    const sides = async () => {
      const { rows } = await t.pool.query<{
        first_name: string;
        last_name: string;
        version: string;
      }>('SELECT first_name, last_name, version FROM contacts WHERE tenant_id = $1 AND id = $2', [
        tenant,
        id,
      ]);
      const cached = await t.cache.get({ tenant, entity: 'contact', id });
      const hs = hubspotRecord(id)!;
      const sf = salesforceRecord(id)!;
      return {
        postgres: [rows[0].first_name, rows[0].last_name],
        cache: cached && !cached.deleted ? [cached.data.first_name, cached.data.last_name] : [],
        hubspot: [hs.properties.firstname, hs.properties.lastname],
        salesforce: [sf.FirstName, sf.LastName],
        marks: [rows[0].version, hs.updatedAt, sf.SystemModstamp],
      };
    };
    const converged = await expectEventually(
      async () => {
        const now = await sides();
        expect(now.cache).toEqual(now.postgres);
        expect(now.hubspot).toEqual(now.postgres);
        expect(now.salesforce).toEqual(now.postgres);
        return now;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    if (policy === 'field_ownership') {
      // The CRM owns the first name, Postgres the last name: each side's last edit of its own field.
      expect(converged.postgres).toEqual([`crm-first-${ROUNDS - 1}`, `pg-last-${ROUNDS - 1}`]);
    }

    // Quiet: several more polls of HubSpot, and a later contact through every hop, change nothing.
    const polls = await counter('syncline_inbound_polls_total', { destination, result: 'ok' });
    const sentinel = await insert();
    await expectEventually(
      async () => {
        expect(hubspotRecord(sentinel)).toBeDefined();
        expect(salesforceRecord(sentinel)).toBeDefined();
        expect(
          await counter('syncline_inbound_polls_total', { destination, result: 'ok' }),
        ).toBeGreaterThanOrEqual(polls + 5);
      },
      { timeoutMs: 60_000 },
    );
    expect(await sides()).toEqual(converged);
  });
});
