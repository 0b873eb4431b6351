import { TOPICS } from '@syncline/events';
import { createKafka } from '@syncline/kafka';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { Admin } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

// The admin API on a real cache-api, Postgres and Kafka: what an operator's calls leave behind.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

jest.setTimeout(120_000);

const t = testClients('admin');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const prefix = t.env.SYNCLINE_TOPIC_PREFIX ?? 'syncline';
// The senders' group, as a delivery-worker would have left it (private to this file).
const senderGroup = `syncline-delivery-${randomUUID().slice(0, 8)}`;
const credentialsKey = randomBytes(32).toString('base64');
let legacyDestination: string;
let api: AppProcess;
let baseUrl: string;
let kafkaAdmin: Admin;

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const hubspot = {
  name: 'HubSpot',
  kind: 'hubspot',
  baseUrl: 'https://api.hubapi.com',
  credentials: { accessToken: 'pat-na1-tenant-token' },
};

/** Credentials as releases before the destination binding sealed them (v1: no associated data). */
function sealV1(credentials: Record<string, unknown>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(credentialsKey, 'base64'), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials)), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

beforeAll(async () => {
  // A destination stored by an older release, before this cache-api starts.
  await t.pool.query(`INSERT INTO tenants (id, name) VALUES ($1, $1)`, [tenant]);
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO destinations (tenant_id, name, kind, base_url, credentials_encrypted, rate_limit)
     VALUES ($1, 'Legacy', 'hubspot', 'https://api.hubapi.com', $2, '{"requestsPerInterval":1,"intervalMs":1000}')
     RETURNING id`,
    [tenant, sealV1({ accessToken: 'pat-legacy' })],
  );
  legacyDestination = rows[0].id;
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = AppProcess.start(
    'cache-api',
    t.appEnv({
      SYNCLINE_HTTP_PORT: String(port),
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_ADMIN_API_KEY: adminKey,
      SYNCLINE_CREDENTIALS_KEY: credentialsKey,
      SYNCLINE_DESTINATION_HOSTS: 'api.hubapi.com,*.my.salesforce.com',
    }),
  );
  kafkaAdmin = createKafka(t.env.SYNCLINE_KAFKA_BROKERS.split(','), 'admin-int-spec').admin();
  await Promise.all([api.waitForOutput('cache-api listening'), kafkaAdmin.connect()]);
  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
});

afterAll(async () => {
  await api?.stop();
  await kafkaAdmin?.disconnect();
  await t.pool.query(`DELETE FROM destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM tenants WHERE id = $1`, [tenant]);
  await t.close();
});

describe('admin API: destinations', () => {
  it('rewrites credentials stored in the v1 format, sealed to their destination, when it starts', async () => {
    await api.waitForOutput(/sealed \d+ destination credential\(s\)/);
    const { rows } = await t.pool.query<{ c: string }>(
      'SELECT credentials_encrypted AS c FROM destinations WHERE id = $1',
      [legacyDestination],
    );
    expect(rows[0].c.startsWith('v2.')).toBe(true);
  });

  it('refuses a destination outside SYNCLINE_DESTINATION_HOSTS, naming the field', async () => {
    const internal = await admin('POST', '/destinations', {
      ...hubspot,
      baseUrl: 'http://10.0.0.1:8080',
    });
    expect(internal).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', fields: [{ path: '/baseUrl' }] },
    });
  });

  it('answers a PATCH that moves the endpoint without credentials with 400 naming the field', async () => {
    const created = await admin('POST', '/destinations', hubspot);
    expect(created.status).toBe(201);
    const moved = await admin('PATCH', `/destinations/${created.body.id}`, {
      // An allowed host, but not the one the credentials were given for.
      baseUrl: 'https://attacker.my.salesforce.com',
    });
    expect(moved).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', fields: [{ path: '/credentials' }] },
    });
    expect((await admin('GET', `/destinations/${created.body.id}`)).body.baseUrl).toBe(
      hubspot.baseUrl,
    );
  });

  it('leaves no consumer lag behind a deleted destination: its queue and DLQ topics go', async () => {
    const destination = (await admin('POST', '/destinations', hubspot)).body as { id: string };
    const queue = TOPICS.deliveryTasks(prefix, destination.id);
    const dlq = TOPICS.deliveryDeadLetters(prefix, destination.id);
    await kafkaAdmin.createTopics({
      topics: [
        { topic: queue, numPartitions: 3 },
        { topic: dlq, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    const producer = createKafka(
      t.env.SYNCLINE_KAFKA_BROKERS.split(','),
      'admin-int-spec',
    ).producer();
    await producer.connect();
    await producer.send({
      topic: queue,
      messages: Array.from({ length: 30 }, (_, i) => ({ key: `r${i}`, value: `task ${i}` })),
    });
    await producer.disconnect();
    // The senders' group stands at the start of the queue: 30 tasks of lag.
    await kafkaAdmin.setOffsets({
      groupId: senderGroup,
      topic: queue,
      partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })),
    });
    const before = await kafkaAdmin.fetchOffsets({ groupId: senderGroup });
    expect(before.map((o) => o.topic)).toContain(queue);

    expect((await admin('DELETE', `/destinations/${destination.id}`)).status).toBe(204);

    const topics = await kafkaAdmin.listTopics();
    expect(topics).not.toContain(queue);
    expect(topics).not.toContain(dlq);
    await expectEventually(async () => {
      const offsets = await kafkaAdmin.fetchOffsets({ groupId: senderGroup });
      expect(offsets.map((o) => o.topic)).not.toContain(queue);
    });
    expect((await admin('GET', `/destinations/${destination.id}`)).status).toBe(404);
  });
});
