import { randomUUID } from 'node:crypto';
import { encodeRecordChangedNotice, TOPICS } from '@syncline/events';
import { ensureTopics } from '@syncline/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { scrapeMetric } from '../support/scrape-metric';
import { testClients } from '../support/test-clients';

// Lag that tells the truth, on a running delivery-worker: a paused destination's real backlog
// shows lag and a growing age; a deleted destination (paused, with a backlog) stops showing any,
// even when a late enqueue leaves its queue behind. Real stack; the cache-api's admin API.

jest.setTimeout(300_000);

const t = testClients('delivery-lag');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const senderGroup = `delivery-${randomUUID()}`;
const kafka = new Kafka({
  clientId: 'delivery-lag-test',
  brokers: t.env.SYNCLINE_KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer();
const apps: AppProcess[] = [];
let api = '';
let metricsUrl = '';

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as { id: string } };
}

/** A paused destination (nothing is delivered, the backlog stays) with `tasks` in its queue. */
async function pausedDestinationWithBacklog(name: string, tasks: number): Promise<string> {
  const created = await admin('POST', '/destinations', {
    name,
    kind: 'rest',
    baseUrl: 'http://127.0.0.1:1',
    credentials: { token: 'never-used-token' },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await admin('POST', `/destinations/${id}/pause`)).status).toBe(200);
  await enqueue(id, tasks);
  return id;
}

/** As the router enqueues: the queue is created (with its leaders) first, then written. */
async function enqueue(destination: string, tasks: number): Promise<void> {
  const topic = TOPICS.deliveryTasks(prefix, destination);
  await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
  await producer.send({
    topic,
    messages: Array.from({ length: tasks }, (_, i) => ({
      key: `r${i}`,
      value: encodeRecordChangedNotice({
        tenant,
        entity: 'contact',
        id: `r${i}`,
        version: i + 1,
        op: 'upsert',
        observedAt: Date.now(),
      }),
    })),
  });
}

const lagOf = async (destination: string) =>
  (await scrapeMetric(metricsUrl, 'syncline_consumer_lag_messages')).filter(
    (s) => s.labels.group === senderGroup && s.labels.destination === destination,
  );
const ageOf = async (destination: string) =>
  (await scrapeMetric(metricsUrl, 'syncline_consumer_oldest_unapplied_age_seconds')).filter(
    (s) => s.labels.group === senderGroup && s.labels.destination === destination,
  );

beforeAll(async () => {
  await producer.connect();
  const port = await freePort();
  const env = t.appEnv({
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: senderGroup,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: `router-${randomUUID()}`,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
    SYNCLINE_HEALTH_INTERVAL_MS: '300',
  });
  apps.push(AppProcess.start('cache-api', env), AppProcess.start('delivery-worker', env));
  await apps[0].waitForOutput('cache-api listening', 180_000);
  await apps[1].waitForOutput('ops endpoints on', 180_000);
  api = `http://127.0.0.1:${port}`;
  metricsUrl = `http://127.0.0.1:${/ops endpoints on :(\d+)/.exec(apps[1].output)?.[1]}/metrics`;
  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop('SIGTERM')));
  await producer.disconnect();
  await t.pool.query(`DELETE FROM syncline.destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM syncline.tenants WHERE id = $1`, [tenant]);
  await t.close();
});

describe('delivery lag', () => {
  let held = '';

  it("shows a paused destination's real backlog, and its age growing", async () => {
    held = await pausedDestinationWithBacklog('held', 5);
    await expectEventually(async () =>
      expect(await lagOf(held)).toEqual([
        expect.objectContaining({
          labels: expect.objectContaining({
            topic: TOPICS.deliveryTasks(prefix, held),
            collection: '',
          }),
          value: 5,
        }),
      ]),
    );
    const [first] = await expectEventually(async () => {
      const age = await ageOf(held);
      expect(age).toHaveLength(1);
      return age;
    });
    expect(first.value).toBeGreaterThanOrEqual(0);
    await expectEventually(async () =>
      expect((await ageOf(held))[0].value).toBeGreaterThan(first.value),
    );
  });

  it('shows no lag for a deleted destination, nor for the queue a late enqueue leaves behind', async () => {
    const deleted = await pausedDestinationWithBacklog('deleted', 3);
    await expectEventually(async () => expect((await lagOf(deleted))[0]?.value).toBe(3));

    expect((await admin('DELETE', `/destinations/${deleted}`)).status).toBe(204);
    await expectEventually(async () => {
      expect(await lagOf(deleted)).toEqual([]);
      expect(await ageOf(deleted)).toEqual([]);
    });
    // A router replica that had not reloaded yet enqueues once more: the queue exists again.
    await enqueue(deleted, 2);
    // The signal that a sample ran after the leftover appeared: the held backlog's age moved on.
    const [before] = await ageOf(held);
    await expectEventually(async () =>
      expect((await ageOf(held))[0].value).toBeGreaterThan(before.value),
    );
    expect(await lagOf(deleted)).toEqual([]);
    // The live backlog still tells the truth beside it; the old per-batch gauge is gone.
    expect((await lagOf(held))[0].value).toBe(5);
    expect(await (await fetch(metricsUrl)).text()).not.toContain('syncline_delivery_consumer_lag');
  });
});
