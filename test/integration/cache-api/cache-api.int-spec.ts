import { randomUUID } from 'node:crypto';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

const t = testClients('api');
const tenant = t.tenant('acme');
const otherTenant = t.tenant('globex');
const keys = {
  [tenant]: `key-${tenant}-0123456789`,
  [otherTenant]: `key-${otherTenant}-0123456789`,
};
let api: AppProcess;
let baseUrl: string;

interface CallResult {
  status: number;
  etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(
  method: string,
  path: string,
  {
    key = keys[tenant],
    body,
    headers = {},
  }: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { 'x-api-key': key } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

async function insertRow(
  email: string,
  firstName = 'Lin',
): Promise<{ id: string; version: number }> {
  const { rows } = await t.pool.query<{ id: string; version: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name) VALUES ($1, $2, $3) RETURNING id, version`,
    [tenant, email, firstName],
  );
  return { id: rows[0].id, version: Number(rows[0].version) };
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const apiKeys = Object.entries(keys)
    .map(([owner, key]) => `${owner}=${key}`)
    .join(',');
  const env = t.appEnv({ SYNCLINE_HTTP_PORT: String(port), SYNCLINE_API_KEYS: apiKeys });
  api = AppProcess.start('cache-api', env);
  await api.waitForOutput('cache-api listening');
});

afterAll(async () => {
  await api?.stop();
  await t.close();
});

describe('cache-api', () => {
  it('serves a cached record with its version as ETag', async () => {
    const { id, version } = await insertRow(`hit-${randomUUID()}@example.com`);
    // The first read loads the record into the cache (no sync-worker runs in this file).
    expect((await call('GET', `/v1/tenants/${tenant}/contact/${id}`)).status).toBe(200);
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({ version });
    const response = await call('GET', `/v1/tenants/${tenant}/contact/${id}`);
    expect(response).toMatchObject({
      status: 200,
      etag: `"${version}"`,
      body: { tenant, entity: 'contact', id, version, data: { first_name: 'Lin' } },
    });
  });

  it('loads a miss from Postgres and fills the cache through the version guard', async () => {
    const { id, version } = await insertRow(`miss-${randomUUID()}@example.com`);
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toBeUndefined();
    const response = await call('GET', `/v1/tenants/${tenant}/contact/${id}`);
    expect(response).toMatchObject({ status: 200, body: { version, data: { id } } });
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({
      version,
      deleted: false,
    });
  });

  it('never lets a lazy load overwrite a newer version already in the cache', async () => {
    const { id, version } = await insertRow(`race-${randomUUID()}@example.com`);
    // A lazy load that read Postgres before a newer CDC write landed must lose to it.
    const newer = {
      tenant,
      entity: 'contact',
      id,
      kind: 'upsert' as const,
      version: version + 100,
      data: { id, first_name: 'Newer' },
    };
    await t.cache.apply(newer);
    expect(await t.cache.apply({ ...newer, version, data: { id, first_name: 'Older' } })).toBe(
      'stale',
    );
    const response = await call('GET', `/v1/tenants/${tenant}/contact/${id}`);
    expect(response.body).toMatchObject({ version: version + 100, data: { first_name: 'Newer' } });
  });

  it('reads many ids in one call and reports the missing ones', async () => {
    const a = await insertRow(`a-${randomUUID()}@example.com`);
    const b = await insertRow(`b-${randomUUID()}@example.com`);
    const unknown = randomUUID();
    const response = await call('POST', `/v1/tenants/${tenant}/contact/batch-read`, {
      body: { ids: [a.id, b.id, unknown] },
    });
    expect(response.status).toBe(200);
    expect(response.body.records.map((r: { id: string }) => r.id)).toEqual([a.id, b.id]);
    expect(response.body.missing).toEqual([unknown]);
  });

  it('writes through: Postgres first, then the cache at the new version', async () => {
    const email = `created-${randomUUID()}@example.com`;
    const created = await call('POST', `/v1/tenants/${tenant}/contact`, {
      body: { email, first_name: 'Grace', custom_fields: { plan: 'pro' } },
    });
    expect(created.status).toBe(201);
    const { id, version } = created.body as { id: string; version: number };
    expect(created.etag).toBe(`"${version}"`);
    const { rows } = await t.pool.query(
      'SELECT email, version FROM contacts WHERE tenant_id = $1 AND id = $2',
      [tenant, id],
    );
    expect(rows[0]).toEqual({ email, version: String(version) });
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({
      version,
      data: { custom_fields: { plan: 'pro' } },
    });

    const updated = await call('PATCH', `/v1/tenants/${tenant}/contact/${id}`, {
      body: { lead_score: 77 },
      headers: { 'if-match': `"${version}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBeGreaterThan(version);
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({
      version: updated.body.version,
      data: { lead_score: 77 },
    });

    const deleted = await call('DELETE', `/v1/tenants/${tenant}/contact/${id}`, {
      headers: { 'if-match': updated.etag as string },
    });
    expect(deleted.status).toBe(204);
    expect(await t.cache.get({ tenant, entity: 'contact', id })).toMatchObject({
      deleted: true,
      version: updated.body.version,
    });
    expect((await call('GET', `/v1/tenants/${tenant}/contact/${id}`)).status).toBe(404);
  });

  it('refuses a write whose If-Match is stale with 412, and a duplicate create with 409', async () => {
    const email = `conflict-${randomUUID()}@example.com`;
    const created = await call('POST', `/v1/tenants/${tenant}/contact`, { body: { email } });
    const id = created.body.id as string;
    await call('PATCH', `/v1/tenants/${tenant}/contact/${id}`, { body: { first_name: 'First' } });
    const stale = await call('PATCH', `/v1/tenants/${tenant}/contact/${id}`, {
      body: { first_name: 'Second' },
      headers: { 'if-match': created.etag as string },
    });
    expect(stale).toMatchObject({ status: 412, body: { error: 'precondition_failed' } });
    const { rows } = await t.pool.query(
      'SELECT first_name FROM contacts WHERE tenant_id = $1 AND id = $2',
      [tenant, id],
    );
    expect(rows[0].first_name).toBe('First');
    const duplicate = await call('POST', `/v1/tenants/${tenant}/contact`, { body: { email } });
    expect(duplicate).toMatchObject({ status: 409, body: { error: 'conflict' } });
  });

  it("keeps tenants apart: another tenant's key gets 403, no key 401", async () => {
    const { id } = await insertRow(`private-${randomUUID()}@example.com`);
    expect(
      (await call('GET', `/v1/tenants/${tenant}/contact/${id}`, { key: keys[otherTenant] })).status,
    ).toBe(403);
    expect((await call('GET', `/v1/tenants/${tenant}/contact/${id}`, { key: null })).status).toBe(
      401,
    );
    expect(
      (await call('GET', `/v1/tenants/${tenant}/contact/${id}`, { key: 'not-a-key-0123456789' }))
        .status,
    ).toBe(401);
    // Under its own name the other tenant does not find it either: records belong to one tenant.
    expect(
      (await call('GET', `/v1/tenants/${otherTenant}/contact/${id}`, { key: keys[otherTenant] }))
        .status,
    ).toBe(404);
  });

  it('answers bad input with 400 naming the field, unknown things with 404', async () => {
    // Types come from the catalog: an integer, a boolean, and a column the table does not have.
    const invalid = await call('POST', `/v1/tenants/${tenant}/contact`, {
      body: { email: 'x@example.com', lead_score: 'high', do_not_contact: 'yes', shoe_size: 9 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('validation_failed');
    expect(invalid.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '/do_not_contact',
      '/lead_score',
      '/shoe_size',
    ]);
    const missing = await call('POST', `/v1/tenants/${tenant}/contact`, {
      body: { first_name: 'No email' },
    });
    expect(missing.body.fields).toEqual([expect.objectContaining({ path: '/email' })]);
    expect(
      (await call('POST', `/v1/tenants/${tenant}/contact`, { body: '{"email": ' })).status,
    ).toBe(400);
    const badId = await call('GET', `/v1/tenants/${tenant}/contact/not-a-uuid`);
    expect(badId).toMatchObject({
      status: 400,
      body: { error: 'invalid_record_id', fields: [{ path: 'params/id' }] },
    });
    const badIfMatch = await call('PATCH', `/v1/tenants/${tenant}/contact/${randomUUID()}`, {
      body: { first_name: 'x' },
      headers: { 'if-match': 'yesterday' },
    });
    expect(badIfMatch.status).toBe(400);
    expect((await call('GET', `/v1/tenants/${tenant}/contact/${randomUUID()}`)).status).toBe(404);
    const unknown = await call('GET', `/v1/tenants/${tenant}/invoices/${randomUUID()}`);
    expect(unknown).toMatchObject({ status: 404, body: { error: 'unknown_collection' } });
    expect(unknown.body.message).toContain('"invoices"');
    const badBatch = await call('POST', `/v1/tenants/${tenant}/contact/batch-read`, {
      body: { ids: ['x'] },
    });
    expect(badBatch.body.fields).toEqual([expect.objectContaining({ path: '/ids/0' })]);
  });

  it('exposes hits, misses and latency on /metrics and reports ready', async () => {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /syncline_cache_api_lookups_total\{entity="contact",result="hit"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /syncline_cache_api_lookups_total\{entity="contact",result="miss"[^}]*\} [1-9]/,
    );
    // Labelled by route template and status; which bucket a request lands in is timing, not asserted.
    expect(metrics).toMatch(
      /syncline_cache_api_request_duration_seconds_count\{[^}]*method="GET",route="\/v1\/tenants\/:tenant\/:collection\/:id",status="200"\} [1-9]/,
    );
    expect(metrics).not.toMatch(/route="\/v1\/tenants\/[^:]/);
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
  });
});
