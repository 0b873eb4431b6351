import { randomUUID } from 'node:crypto';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

// The cache-api serves every collection, here the inventory fixture (scripts/fixtures/inventory):
// a single-tenant serial key (warehouses), a composite key with a tenant and a version column
// (stock_level), a bigint identity key with WAL-position versions (sensor_reading) and a text key
// in a quoted mixed-case table (SkuCatalog). Single-tenant rows belong to the tenant `default`.
const t = testClients('api-coll');
const org = t.tenant('org');
const site = t.tenant('site');
const suffix = randomUUID().slice(0, 8);
const keys: Record<string, string> = {
  [org]: `key-${org}-0123456789`,
  [site]: `key-${site}-0123456789`,
  default: `key-default-${suffix}-0123456789`,
};
let api: AppProcess;
let baseUrl: string;

interface CallResult {
  status: number;
  etag: string | null;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  method: string,
  path: string,
  { key, body, headers = {} }: { key: string; body?: unknown; headers?: Record<string, string> },
): Promise<CallResult> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': key, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    location: response.headers.get('location'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

const path = (...parts: string[]) => `/v1/${parts.map(encodeURIComponent).join('/')}`;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const apiKeys = Object.entries(keys)
    .map(([owner, key]) => `${owner}=${key}`)
    .join(',');
  api = AppProcess.start(
    'cache-api',
    t.appEnv({ SYNCLINE_HTTP_PORT: String(port), SYNCLINE_API_KEYS: apiKeys }),
  );
  await api.waitForOutput('cache-api listening');
});

afterAll(async () => {
  await api?.stop();
  await t.pool.query(`DELETE FROM inventory.stock_levels WHERE org = $1`, [org]);
  await t.pool.query(`DELETE FROM public.sensor_readings WHERE site = $1`, [site]);
  await t.pool.query(`DELETE FROM inventory.warehouses WHERE city = $1`, [suffix]);
  await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "DisplayName" = $1`, [suffix]);
  await t.close();
});

describe('cache-api on a single-tenant collection with a serial key (inventory.warehouses)', () => {
  it('reads, writes through and deletes at /v1/collections/warehouses, versions from the WAL', async () => {
    const key = keys.default;
    const { rows } = await t.pool.query<{ id: number }>(
      `INSERT INTO inventory.warehouses (code, city, opened_on) VALUES ($1, $2, '2020-02-29') RETURNING id`,
      [suffix.slice(0, 4).toUpperCase(), suffix],
    );
    const id = String(rows[0].id);
    const read = await call('GET', path('collections', 'warehouses', id), { key });
    expect(read).toMatchObject({
      status: 200,
      body: {
        tenant: 'default',
        entity: 'warehouses',
        id,
        data: { id: Number(id), city: suffix, opened_on: '2020-02-29', capacity: 0 },
      },
    });
    expect(read.body.version).toBeGreaterThan(0);
    expect(read.etag).toBe(`"${read.body.version}"`);
    expect(await t.cache.get({ tenant: 'default', entity: 'warehouses', id })).toMatchObject({
      version: read.body.version,
    });
    const conditional = await call('GET', path('collections', 'warehouses', id), {
      key,
      // fetch adds Cache-Control: no-cache to a conditional request unless one is given.
      headers: { 'if-none-match': read.etag!, 'cache-control': 'max-age=0' },
    });
    expect(conditional).toMatchObject({ status: 304, etag: read.etag });
    // The admin key opens it too; a tenant's key does not. Under its fixed tenant the tenant
    // route serves it as well; under any other tenant it has no rows.
    const admin = t.env.SYNCLINE_ADMIN_API_KEY;
    expect((await call('GET', path('collections', 'warehouses', id), { key: admin })).status).toBe(
      200,
    );
    expect(
      (await call('GET', path('collections', 'warehouses', id), { key: keys[org] })).status,
    ).toBe(403);
    const tenantRoute = await call('GET', path('tenants', 'default', 'warehouses', id), { key });
    expect(tenantRoute).toMatchObject({ status: 200, body: { id, tenant: 'default' } });
    const otherTenant = await call('GET', path('tenants', org, 'warehouses', id), {
      key: keys[org],
    });
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.body.message).toContain('/v1/collections/warehouses');

    const updated = await call('PATCH', path('collections', 'warehouses', id), {
      key,
      body: { capacity: 250 },
    });
    expect(updated).toMatchObject({ status: 200, body: { id, data: { capacity: 250 } } });
    expect(updated.body.version).toBeGreaterThan(read.body.version as number);
    expect(await t.cache.get({ tenant: 'default', entity: 'warehouses', id })).toMatchObject({
      version: updated.body.version,
      data: { capacity: 250 },
    });
    // No version column: nothing in the row to compare an If-Match with.
    const ifMatch = await call('PATCH', path('collections', 'warehouses', id), {
      key,
      body: { capacity: 1 },
      headers: { 'if-match': updated.etag! },
    });
    expect(ifMatch).toMatchObject({
      status: 400,
      body: { fields: [{ path: 'headers/If-Match' }] },
    });

    expect((await call('DELETE', path('collections', 'warehouses', id), { key })).status).toBe(204);
    expect(await t.cache.get({ tenant: 'default', entity: 'warehouses', id })).toMatchObject({
      deleted: true,
    });
    expect((await call('GET', path('collections', 'warehouses', id), { key })).status).toBe(404);
  });
});

describe('cache-api on a composite key with a tenant and a version column (stock_level)', () => {
  it('serves a record by its composite id, version column as ETag, If-Match honoured', async () => {
    const key = keys[org];
    await t.pool.query(
      `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, fill) VALUES ($1, 7, 'SKU-1', 5, 12.5)`,
      [org],
    );
    const read = await call('GET', path('tenants', org, 'stock_level', '7,SKU-1'), { key });
    expect(read).toMatchObject({
      status: 200,
      etag: '"1"',
      body: {
        tenant: org,
        id: '7,SKU-1',
        version: 1,
        data: { org, warehouse_id: 7, sku: 'SKU-1', on_hand: 5, fill: '12.50', rev: 1 },
      },
    });
    const batch = await call('POST', `${path('tenants', org, 'stock_level')}/batch-read`, {
      key,
      body: { ids: ['007,SKU-1', '7,SKU-404'] },
    });
    expect(batch.body.records.map((r: { id: string }) => r.id)).toEqual(['7,SKU-1']);
    expect(batch.body.missing).toEqual(['7,SKU-404']);

    const updated = await call('PATCH', path('tenants', org, 'stock_level', '7,SKU-1'), {
      key,
      body: { on_hand: 6 },
      headers: { 'if-match': '"1"' },
    });
    expect(updated).toMatchObject({
      status: 200,
      etag: '"2"',
      body: { data: { on_hand: 6, rev: 2 } },
    });
    const stale = await call('PATCH', path('tenants', org, 'stock_level', '7,SKU-1'), {
      key,
      body: { on_hand: 7 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);

    const created = await call('POST', path('tenants', org, 'stock_level'), {
      key,
      body: { warehouse_id: 8, sku: 'SKU-2', on_hand: 1 },
    });
    expect(created).toMatchObject({ status: 201, body: { id: '8,SKU-2', version: 1 } });
    expect(created.location).toBe(`${path('tenants', org, 'stock_level', '8,SKU-2')}`);
    expect((await call('GET', created.location!, { key })).body.data).toEqual(created.body.data);
  });

  it('answers 422 when Postgres refuses the values (a domain CHECK), leaving the row as it was', async () => {
    const key = keys[org];
    await t.pool.query(
      `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, fill) VALUES ($1, 9, 'SKU-9', 3, 40)`,
      [org],
    );

    // `fill` is a public.percentage: numeric(5, 2) CHECK (VALUE BETWEEN 0 AND 100).
    const refused = await call('PATCH', path('tenants', org, 'stock_level', '9,SKU-9'), {
      key,
      body: { fill: '150.00', on_hand: 4 },
    });

    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'rejected_by_database' });
    expect(refused.body.message).toContain('23514');
    const { rows } = await t.pool.query(
      `SELECT on_hand, fill::text AS fill, rev FROM inventory.stock_levels WHERE org = $1 AND warehouse_id = 9`,
      [org],
    );
    expect(rows).toEqual([{ on_hand: 3, fill: '40.00', rev: '1' }]);
  });

  it('refuses server-set columns and ids that cannot name a key, naming the field', async () => {
    const key = keys[org];
    const serverSet = await call('POST', path('tenants', org, 'stock_level'), {
      key,
      body: { org: 'someone-else', warehouse_id: 9, sku: 'SKU-9', rev: 40 },
    });
    expect(serverSet.status).toBe(400);
    expect(serverSet.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '/org',
      '/rev',
    ]);
    const keyChange = await call('PATCH', path('tenants', org, 'stock_level', '7,SKU-1'), {
      key,
      body: { sku: 'SKU-X' },
    });
    expect(keyChange).toMatchObject({ status: 400, body: { fields: [{ path: '/sku' }] } });
    const badId = await call('GET', path('tenants', org, 'stock_level', 'seven,SKU-1'), { key });
    expect(badId).toMatchObject({
      status: 400,
      body: { error: 'invalid_record_id', fields: [{ path: 'params/id' }] },
    });
    const parts = await call('GET', path('tenants', org, 'stock_level', '7'), { key });
    expect(parts.body.message).toMatch(/expected 2 key parts/);
  });
});

describe('cache-api on a bigint identity key with WAL-position versions (sensor_reading)', () => {
  it('creates through the API with every kind of value and reads the same record back', async () => {
    const key = keys[site];
    const body = {
      big_value: 9007199254740991,
      exact_value: '1.250',
      label: 'Zoë',
      device: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      read_at_tz: '2024-03-01T10:00:00.25Z',
      window_length: 'P1DT2H',
      attributes: { nested: [1, 'two'] },
      payload: 'AP8Q',
      quality: 'good',
      tags: ['a,b', 'c"d'],
    };
    const created = await call('POST', path('tenants', site, 'sensor_reading'), { key, body });
    expect(created).toMatchObject({ status: 201, body: { tenant: site, data: { ...body, site } } });
    const id = created.body.id as string;
    expect(id).toBe(String(created.body.data.reading_id));
    await t.redis.unlink(t.keys.record({ tenant: site, entity: 'sensor_reading', id }));
    const read = await call('GET', path('tenants', site, 'sensor_reading', id), { key });
    expect(read.body.data).toEqual(created.body.data);
    // A lazy load claims a position read after the create committed: never below the create's.
    expect(read.body.version).toBeGreaterThanOrEqual(created.body.version as number);

    const identity = await call('POST', path('tenants', site, 'sensor_reading'), {
      key,
      body: { reading_id: 1 },
    });
    expect(identity).toMatchObject({ status: 400, body: { fields: [{ path: '/reading_id' }] } });
    const otherSite = await call('GET', path('tenants', org, 'sensor_reading', id), {
      key: keys[org],
    });
    expect(otherSite.status).toBe(404);
  });
});

describe('cache-api on a text key in a quoted mixed-case table (SkuCatalog)', () => {
  it('serves ids with characters that need escaping, and creates one with such an id', async () => {
    const key = keys.default;
    const sku = `odd/${suffix} ,%ü?#&`;
    await t.pool.query(
      `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, $2, 9.9)`,
      [sku, suffix],
    );
    const read = await call('GET', path('collections', 'SkuCatalog', sku), { key });
    expect(read).toMatchObject({
      status: 200,
      body: {
        id: sku,
        data: { Sku: sku, DisplayName: suffix, UnitPrice: '9.90', Discontinued: false },
      },
    });
    const batch = await call('POST', `${path('collections', 'SkuCatalog')}/batch-read`, {
      key,
      body: { ids: [sku, `${sku}-missing`] },
    });
    expect(batch.body).toMatchObject({ records: [{ id: sku }], missing: [`${sku}-missing`] });

    const created = await call('POST', path('collections', 'SkuCatalog'), {
      key,
      body: { Sku: `${sku}:new`, DisplayName: suffix },
    });
    expect(created).toMatchObject({ status: 201, body: { id: `${sku}:new` } });
    expect((await call('GET', created.location!, { key })).body.data.Sku).toBe(`${sku}:new`);
  });
});

describe('cache-api on unknown collections', () => {
  it('answers 404 naming the collection on either route shape', async () => {
    const single = await call('GET', path('collections', 'invoices', '1'), { key: keys.default });
    expect(single).toMatchObject({ status: 404, body: { error: 'unknown_collection' } });
    expect(single.body.message).toContain('"invoices"');
    const tenant = await call('GET', path('tenants', org, 'invoices', '1'), { key: keys[org] });
    expect(tenant).toMatchObject({ status: 404, body: { error: 'unknown_collection' } });
    // A collection with a tenant column is not served without its tenant.
    const noTenant = await call('GET', path('collections', 'stock_level', '7,SKU-1'), {
      key: t.env.SYNCLINE_ADMIN_API_KEY,
    });
    expect(noTenant.status).toBe(404);
    expect(noTenant.body.message).toContain('/v1/tenants/:tenant/stock_level');
  });
});
