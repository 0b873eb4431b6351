import { TOPICS } from '@syncline/events';
import { createKafka } from '@syncline/kafka';
import { randomBytes, randomUUID } from 'node:crypto';
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
  it('answers a PATCH that moves the endpoint without credentials with 400 naming the field', async () => {
    const created = await admin('POST', '/destinations', hubspot);
    expect(created.status).toBe(201);
    const moved = await admin('PATCH', `/destinations/${created.body.id}`, {
      baseUrl: 'http://127.0.0.1:9/collect',
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
