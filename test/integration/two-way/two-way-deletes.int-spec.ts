import { randomUUID } from 'node:crypto';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import {
  SKUS,
  SKU_MAPPING,
  startInventoryHubSpot,
} from '../collections/delivery-inventory-fixture';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';

// A record deleted in HubSpot, found by polling (listDeletedSince), under each inbound delete
// policy: ignore keeps the row, soft_delete sets a column, delete removes the row and leaves a
// cache tombstone, without archiving anything back in HubSpot. One tenant and HubSpot per policy;
// soft_delete runs on the single-tenant public."SkuCatalog" (its "Discontinued" boolean).

jest.setTimeout(300_000);

const t = testClients('two-way-deletes');
const adminKey = `admin-${randomUUID()}`;
const apps: AppProcess[] = [];
let api: string;
const SINGLE_TENANT = 'default';
const skuPrefix = `DEL-${randomUUID().slice(0, 8)}-`;
const accounts: Record<
  'ignore' | 'delete' | 'soft_delete',
  { tenant: string; hubspot: RunningHubSpotSim; destination: string }
> = {} as never;

async function admin(tenant: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const port = /ops endpoints on :(\d+)/.exec(apps[2].output)?.[1];
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
/** Several more successful polls of the destination: a deletion in HubSpot has been seen. */
async function afterPolls(destination: string, polls = 3): Promise<void> {
  const before = await counter('syncline_inbound_polls_total', { destination, result: 'ok' });
  await expectEventually(
    async () =>
      expect(
        await counter('syncline_inbound_polls_total', { destination, result: 'ok' }),
      ).toBeGreaterThanOrEqual(before + polls),
    { timeoutMs: 60_000 },
  );
}

async function hubspotDestination(tenant: string, hubspot: RunningHubSpotSim): Promise<string> {
  expect((await admin(tenant, 'PUT', '', { name: tenant })).status).toBe(200);
  const created = await admin(tenant, 'POST', '/destinations', {
    name: `HubSpot ${randomUUID().slice(0, 6)}`,
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  });
  expect(created.status).toBe(201);
  return String(created.body.id);
}

const contactMapping = (deletePolicy: 'ignore' | 'delete') => ({
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    { source: 'first_name', target: 'firstname', direction: 'both' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  inbound: { conflictPolicy: 'crm_wins', deletePolicy },
});

beforeAll(async () => {
  api = await startPipeline(t, adminKey, apps, {
    // Its own inbound consumer group: the default one is shared by every run on the stack.
    SYNCLINE_INBOUND_GROUP_ID: `inbound-${randomUUID()}`,
    SYNCLINE_INBOUND_POLL_MS: '300',
    SYNCLINE_INBOUND_SETTLE_MS: '0',
  });
  for (const policy of ['ignore', 'delete'] as const) {
    const tenant = t.tenant(policy);
    const hubspot = await startHubSpotSim({
      port: 0,
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    });
    const destination = await hubspotDestination(tenant, hubspot);
    const mapping = await admin(
      tenant,
      'PUT',
      `/mappings/contact/${destination}`,
      contactMapping(policy),
    );
    expect(mapping.status).toBe(200);
    accounts[policy] = { tenant, hubspot, destination };
  }
  const hubspot = await startInventoryHubSpot();
  const destination = await hubspotDestination(SINGLE_TENANT, hubspot);
  const mapping = await admin(SINGLE_TENANT, 'PUT', `/mappings/SkuCatalog/${destination}`, {
    ...SKU_MAPPING,
    fields: SKU_MAPPING.fields.map((field) =>
      field.source === 'DisplayName' ? { ...field, direction: 'both' } : field,
    ),
    inbound: {
      conflictPolicy: 'crm_wins',
      deletePolicy: 'soft_delete',
      softDeleteColumn: 'Discontinued',
    },
  });
  expect(mapping).toMatchObject({ status: 200 });
  accounts.soft_delete = { tenant: SINGLE_TENANT, hubspot, destination };
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all(Object.values(accounts).map(({ hubspot }) => hubspot.close()));
  await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" LIKE $1`, [`${skuPrefix}%`]);
  if (accounts.soft_delete) {
    const { destination } = accounts.soft_delete;
    await t.pool.query('DELETE FROM entity_mappings WHERE destination_id = $1', [destination]);
    await t.pool.query('DELETE FROM destinations WHERE tenant_id = $1 AND id = $2', [
      SINGLE_TENANT,
      destination,
    ]);
  }
  await t.close();
});

/** A contact of `tenant` that has reached its HubSpot (the mapping is in effect once one has). */
async function syncedContact(policy: 'ignore' | 'delete') {
  const { tenant, hubspot } = accounts[policy];
  const find = (id: string) =>
    hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id);
  return expectEventually(
    async () => {
      const { rows } = await t.pool.query<{ id: string }>(
        `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace') RETURNING id`,
        [tenant, `${randomUUID().slice(0, 12)}@example.com`],
      );
      const id = rows[0].id;
      const record = await expectEventually(() => find(id) ?? expect(find(id)).toBeDefined(), {
        timeoutMs: 10_000,
      });
      return { id, hubspotId: record!.id };
    },
    { timeoutMs: 90_000 },
  );
}
const contactRow = async (tenant: string, id: string) =>
  (
    await t.pool.query<{ first_name: string; version: string }>(
      'SELECT first_name, version FROM contacts WHERE tenant_id = $1 AND id = $2',
      [tenant, id],
    )
  ).rows[0];

describe('a record deleted in HubSpot, found by polling', () => {
  it('under ignore: the row, and the cache, keep it', async () => {
    const { tenant, hubspot, destination } = accounts.ignore;
    const { id, hubspotId } = await syncedContact('ignore');
    const before = await contactRow(tenant, id);

    hubspot.state.archiveRecord('contacts', hubspotId);

    await afterPolls(destination);
    expect(await contactRow(tenant, id)).toEqual(before);
    const cached = await t.cache.get({ tenant, entity: 'contact', id });
    expect(cached?.deleted).toBeFalsy();
  });

  it('under soft_delete: the soft-delete column is set and the row stays', async () => {
    const { hubspot } = accounts.soft_delete;
    const sku = `${skuPrefix}1`;
    const find = () => hubspot.state.records(SKUS).find((r) => r.properties.sku === sku);
    // The mapping is in effect once a new SKU reaches HubSpot.
    await expectEventually(
      async () => {
        await t.pool.query(
          `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, 'Bolt', 1.25)
           ON CONFLICT ("Sku") DO UPDATE SET "UnitPrice" = public."SkuCatalog"."UnitPrice" + 1`,
          [sku],
        );
        await expectEventually(() => expect(find()).toBeDefined(), { timeoutMs: 10_000 });
      },
      { timeoutMs: 90_000 },
    );

    hubspot.state.archiveRecord(SKUS, find()!.id);

    await expectEventually(
      async () => {
        const { rows } = await t.pool.query<{ Discontinued: boolean; DisplayName: string }>(
          `SELECT "Discontinued", "DisplayName" FROM public."SkuCatalog" WHERE "Sku" = $1`,
          [sku],
        );
        expect(rows).toEqual([{ Discontinued: true, DisplayName: 'Bolt' }]);
      },
      { timeoutMs: 60_000 },
    );
  });

  it('under delete: the row is gone, the cache holds a tombstone, and HubSpot gets no archive back', async () => {
    const { tenant, hubspot, destination } = accounts.delete;
    const { id, hubspotId } = await syncedContact('delete');
    const callsBefore = hubspot.state.calls().length;
    const skippedBefore = await counter('syncline_delivery_records_total', {
      destination,
      outcome: 'skipped',
    });

    hubspot.state.archiveRecord('contacts', hubspotId);

    await expectEventually(async () => expect(await contactRow(tenant, id)).toBeUndefined(), {
      timeoutMs: 60_000,
    });
    await expectEventually(async () => {
      const cached = await t.cache.get({ tenant, entity: 'contact', id });
      expect(cached?.deleted).toBe(true);
    });
    const writes = () =>
      hubspot.state
        .calls()
        .slice(callsBefore)
        .filter(
          (call) =>
            call.method !== 'GET' &&
            !call.path.endsWith('/search') &&
            !call.path.endsWith('/batch/read'),
        );
    // HubSpot's queue has taken the row's deletion: skipped (HubSpot deleted it first), or sent,
    // which the assertion after refuses.
    await expectEventually(async () => {
      const skipped = await counter('syncline_delivery_records_total', {
        destination,
        outcome: 'skipped',
      });
      expect(skipped > skippedBefore || writes().length > 0).toBe(true);
    });
    expect(writes()).toEqual([]);
  });
});
