import { randomUUID } from 'node:crypto';
import { signRestWebhook } from '@syncline/connectors';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { adminApi } from '../support/admin-api';
import { appCounter } from '../support/app-counter';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';
import { WebhookReceiver } from '../support/webhook-receiver';

// Two-way sync with a generic REST system, on the inventory fixture (composite key within tenant
// `org`, version column `rev`), not the demo's contacts: the system's signed webhook carries the
// record's state (it cannot be read back); the change lands in Postgres and the cache, is not sent
// back to the system, and a late (older) state or a forged call changes nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

jest.setTimeout(300_000);

const t = testClients('two-way-rest');
const org = t.tenant('org');
const adminKey = `admin-${randomUUID()}`;
const SECRET = `rest-secret-${randomUUID()}`;
const apps: AppProcess[] = [];
let api: string;
const tenantAdmin = adminApi(() => api, adminKey);
const admin = (method: string, path: string, body?: unknown) =>
  tenantAdmin(org, method, path, body);
/** A delivery-worker counter. */
const counter = (name: string, labels: Record<string, string>) => appCounter(apps[2], name, labels);
let system: WebhookReceiver;
let destination: string;
let collections: CollectionRegistry;
let stockLevels: CollectionDefinition;

/** The system's webhook: its records' state, signed with the shared secret. */
async function webhook(
  records: unknown[],
  secret = SECRET,
): Promise<{ status: number; body: Json }> {
  const body = JSON.stringify({ records });
  const response = await fetch(`${api}/v1/webhooks/rest/${destination}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signRestWebhook(secret, Date.now(), body) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const stock = async (sku: string) =>
  (
    await t.pool.query<{ on_hand: number; rev: string }>(
      'SELECT on_hand, rev FROM inventory.stock_levels WHERE org = $1 AND warehouse_id = 7 AND sku = $2',
      [org, sku],
    )
  ).rows[0];

/** The PUTs the system received for one record. */
const putsFor = (recordId: string) =>
  system.requests.filter((request) => request.body.includes(JSON.stringify(recordId)));

beforeAll(async () => {
  collections = await t.collections();
  stockLevels = collections.collections.find(
    (c) => c.schema === 'inventory' && c.table === 'stock_levels',
  )!;
  system = await WebhookReceiver.start();
  api = await startPipeline(t, adminKey, apps, { SYNCLINE_INBOUND_POLL_MS: '0' });
  expect((await admin('PUT', '', { name: 'Stock' })).status).toBe(200);
  const created = await admin('POST', '/destinations', {
    name: 'Warehouse system',
    kind: 'rest',
    baseUrl: `http://127.0.0.1:${system.port}`,
    credentials: { token: 'warehouse-token-0123', webhookSecret: SECRET },
    options: {
      pathTemplate: '/stock/{identity}',
      payloadTemplate: { $identity: 'id', on_hand: 'on_hand', reserved: 'reserved' },
      properties: [
        { name: 'id', type: 'string' },
        { name: 'on_hand', type: 'number' },
        { name: 'reserved', type: 'number' },
      ],
    },
    rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  });
  expect(created.status).toBe(201);
  destination = created.body.id;
  const mapping = await admin('PUT', `/mappings/${stockLevels.name}/${destination}`, {
    object: 'stock',
    identity: { source: '$id', target: 'id' },
    fields: [
      { source: 'on_hand', target: 'on_hand', direction: 'both', transform: 'integer' },
      { source: 'reserved', target: 'reserved', transform: 'integer' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'ignore' },
    inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
  });
  expect(mapping).toMatchObject({ status: 200 });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await system?.close();
  await t.close();
});

describe('two-way sync with a REST system', () => {
  it('applies its signed state, sends no echo, and ignores an older state and a forged call', async () => {
    // The mapping is in effect once a new stock level reaches the system.
    const { sku, recordId } = await expectEventually(
      async () => {
        const candidate = `SKU-${randomUUID().slice(0, 8).toUpperCase()}`;
        const { rows } = await t.pool.query<Record<string, unknown>>(
          `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, reserved)
           VALUES ($1, 7, $2, 10, 2) RETURNING *`,
          [org, candidate],
        );
        const id = collections.recordId(
          stockLevels,
          collections.canonicalize(stockLevels, rows[0]),
        );
        await expectEventually(() => expect(putsFor(id)).toHaveLength(1), { timeoutMs: 10_000 });
        return { sku: candidate, recordId: id };
      },
      { timeoutMs: 90_000 },
    );
    const externalId = `wh-${sku}`;
    const accepted = await webhook([
      {
        externalId,
        object: 'stock',
        properties: { id: recordId, on_hand: 4 },
        modifiedAt: '2026-12-05T10:00:01.000Z',
      },
    ]);
    expect(accepted).toMatchObject({ status: 200, body: { accepted: 1 } });
    await expectEventually(async () => expect((await stock(sku)).on_hand).toBe(4));
    await expectEventually(async () => {
      const cached = await t.cache.get({ tenant: org, entity: stockLevels.name, id: recordId });
      expect(cached && !cached.deleted && cached.data.on_hand).toBe(4);
    });
    const revAfter = (await stock(sku)).rev;

    // A late, older state of the same record (reordered delivery) and a forged call.
    const late = await webhook([
      {
        externalId,
        object: 'stock',
        properties: { id: recordId, on_hand: 9 },
        modifiedAt: '2026-12-05T10:00:00.000Z',
      },
    ]);
    expect(late.status).toBe(200);
    const forged = await webhook(
      [
        {
          externalId,
          object: 'stock',
          properties: { id: recordId, on_hand: 1 },
          modifiedAt: '2026-12-05T11:00:00.000Z',
        },
      ],
      'not-the-secret-0123456789',
    );
    expect(forged.status).toBe(401);
    // Both states were taken off Kafka and applied (or not) before looking.
    await expectEventually(async () =>
      expect(await counter('syncline_inbound_hints_total', { destination, outcome: 'state' })).toBe(
        2,
      ),
    );

    // A later change from Postgres goes out and passes through every hop: the system then has
    // seen everything before it, and never got the on_hand=4 it sent us.
    await t.pool.query(
      'UPDATE inventory.stock_levels SET reserved = 3 WHERE org = $1 AND warehouse_id = 7 AND sku = $2',
      [org, sku],
    );
    await expectEventually(() => expect(putsFor(recordId)).toHaveLength(2));
    const sent = putsFor(recordId).map((request) => JSON.parse(request.body) as unknown);
    expect(sent).toEqual([
      { id: recordId, on_hand: 10, reserved: 2 },
      { id: recordId, on_hand: 4, reserved: 3 },
    ]);
    const now = await stock(sku);
    expect(now.on_hand).toBe(4);
    expect(Number(now.rev)).toBe(Number(revAfter) + 1); // only the reserved update since
    const log = await admin('GET', `/destinations/${destination}/inbound-log`);
    expect(log.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ externalId, recordId })]),
    );
  });
});
