import { Signature } from '@hubspot/api-client';
import { signRestWebhook } from '@syncline/connectors';
import { TOPICS } from '@syncline/events';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';
import { TopicReader } from '../support/topic-reader';

// Inbound webhooks on a real cache-api, Postgres and Kafka: a signed HubSpot or REST call leaves
// InboundHints on Kafka; a forged one leaves nothing. The secret goes in through the admin API.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

jest.setTimeout(120_000);

const t = testClients('webhooks');
const tenant = t.tenant('logistics');
const adminKey = `admin-${randomUUID()}`;
const prefix = t.env.SYNCLINE_TOPIC_PREFIX ?? 'syncline';
const PUBLIC_URL = 'https://hooks.syncline.example';
const HUBSPOT_SECRET = `client-secret-${randomUUID()}`;
const REST_SECRET = `rest-secret-${randomUUID()}`;
let api: AppProcess;
let baseUrl: string;
let reader: TopicReader;
let hubspotId: string;
let restId: string;

async function call(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
const admin = (method: string, path: string, body?: unknown) =>
  call(
    method,
    `/v1/admin/tenants/${tenant}${path}`,
    body === undefined ? undefined : JSON.stringify(body),
    {
      'x-api-key': adminKey,
    },
  );

/** A two-way mapping of shipments, straight into the table (its collection is not the point). */
async function twoWayMapping(destinationId: string, object: string): Promise<void> {
  const document = {
    object,
    identity: { source: '$id', target: 'syncline_id' },
    fields: [{ source: 'status', target: 'status', direction: 'both' }],
    rules: {},
    inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
  };
  await t.pool.query(
    `INSERT INTO entity_mappings (tenant_id, entity, destination_id, document) VALUES ($1, 'shipments', $2, $3)`,
    [tenant, destinationId, JSON.stringify(document)],
  );
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = AppProcess.start(
    'cache-api',
    t.appEnv({
      SYNCLINE_HTTP_PORT: String(port),
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_ADMIN_API_KEY: adminKey,
      SYNCLINE_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      SYNCLINE_PUBLIC_URL: PUBLIC_URL,
    }),
  );
  await api.waitForOutput('cache-api listening');
  expect((await admin('PUT', '', { name: 'Logistics' })).status).toBe(200);
  const hubspot = await admin('POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: 'https://api.hubapi.com',
    credentials: { accessToken: 'pat-na1-token', webhookSecret: HUBSPOT_SECRET },
  });
  const rest = await admin('POST', '/destinations', {
    name: 'Carrier portal',
    kind: 'rest',
    baseUrl: 'https://portal.example.com/api',
    credentials: { token: 'portal-token', webhookSecret: REST_SECRET },
  });
  expect([hubspot.status, rest.status]).toEqual([201, 201]);
  hubspotId = hubspot.body.id;
  restId = rest.body.id;
  await twoWayMapping(hubspotId, '2-3456789');
  await twoWayMapping(restId, 'shipments');
  reader = await TopicReader.start(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    TOPICS.inboundHints(prefix),
  ]);
});

afterAll(async () => {
  await reader?.stop();
  await api?.stop();
  await t.pool.query(`DELETE FROM destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM tenants WHERE id = $1`, [tenant]);
  await t.close();
});

describe('inbound webhooks', () => {
  it('never returns the webhook secret', async () => {
    const got = await admin('GET', `/destinations/${hubspotId}`);
    expect(JSON.stringify(got.body)).not.toContain(HUBSPOT_SECRET);
  });

  it('turns a signed HubSpot call into hints on Kafka, and a forged one into a 401 and nothing', async () => {
    const path = `/v1/webhooks/hubspot/${hubspotId}`;
    const externalId = String(Date.now());
    const body = JSON.stringify([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: 62515,
        appId: 3,
        occurredAt: Date.now() - 500,
        subscriptionType: 'object.propertyChange',
        objectTypeId: '2-3456789',
        objectId: Number(externalId),
        propertyName: 'status',
        propertyValue: 'délivré',
        changeSource: 'CRM_UI',
      },
    ]);
    const sign = (url: string, secret = HUBSPOT_SECRET, at = Date.now()) => ({
      'x-hubspot-signature-v3': Signature.getSignature('POST', 'v3', {
        signature: '',
        clientSecret: secret,
        requestBody: body,
        url,
        timestamp: at,
      }),
      'x-hubspot-request-timestamp': String(at),
    });
    // Signed for the URL this process sees, not the public one HubSpot called: refused.
    expect((await call('POST', path, body, sign(`${baseUrl}${path}`))).status).toBe(401);
    expect((await call('POST', path, body, sign(PUBLIC_URL + path, 'wrong-secret'))).status).toBe(
      401,
    );
    const accepted = await call('POST', path, body, sign(PUBLIC_URL + path));
    expect(accepted).toEqual({ status: 200, body: { accepted: 1, dropped: 0, problems: [] } });
    const [message] = await reader.waitFor((m) => (m.value as Json)?.externalId === externalId);
    expect(message.key).toBe(`${hubspotId}/${externalId}`);
    expect(message.value).toMatchObject({
      destinationId: hubspotId,
      object: '2-3456789',
      kind: 'change',
      source: 'webhook',
    });
    // Only the signed call produced one.
    expect(
      reader.messages.filter((m) => (m.value as Json)?.externalId === externalId),
    ).toHaveLength(1);
  });

  it('turns a signed REST call into hints, and answers 404 for a destination without webhooks', async () => {
    const externalId = `ACME|${randomUUID()}`;
    const body = JSON.stringify({ records: [{ externalId, object: 'shipments', deleted: true }] });
    const accepted = await call(
      'POST',
      `/v1/webhooks/rest/${restId}`,
      body,
      signRestWebhook(REST_SECRET, Date.now(), body),
    );
    expect(accepted.status).toBe(200);
    const [message] = await reader.waitFor((m) => (m.value as Json)?.externalId === externalId);
    expect(message.value).toMatchObject({ destinationId: restId, kind: 'deletion' });
    const plain = await admin('POST', '/destinations', {
      name: 'No webhooks',
      kind: 'rest',
      baseUrl: 'https://other.example.com/api',
      credentials: { token: 'x' },
    });
    const plainId = String(plain.body.id);
    await twoWayMapping(plainId, 'shipments');
    const refused = await call(
      'POST',
      `/v1/webhooks/rest/${plainId}`,
      body,
      signRestWebhook(REST_SECRET, Date.now(), body),
    );
    expect(refused).toMatchObject({
      status: 404,
      body: { message: 'webhooks not configured for this destination' },
    });
  });

  it('serves the inbound log of a destination to the admin key', async () => {
    const log = await admin('GET', `/destinations/${hubspotId}/inbound-log?limit=5`);
    expect(log).toEqual({ status: 200, body: [] });
    expect((await admin('GET', `/destinations/${hubspotId}/inbound-log?outcome=nope`)).status).toBe(
      400,
    );
  });
});
