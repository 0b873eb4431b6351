import { randomUUID } from 'node:crypto';
import {
  RecordChangedNotice,
  TOPICS,
  encodeRecordChangedNotice,
  recordChangedKey,
} from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { DigestPayload, SIGNATURE_HEADERS, verifyWebhookSignature } from '@syncline/notifications';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';
import { WebhookReceiver } from '../support/webhook-receiver';

// Tenant notifications from where the problems happen: the real delivery-worker consumes Kafka,
// HubSpot (the simulator) rejects records or our token, and the tenant's webhook receives signed
// digests, at most one per window. The test plays the sync-worker's part (rows in Postgres, then
// record-changed notices; the delivery-worker reads the rows the cache lacks).
jest.setTimeout(300_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
type Json = any;

const t = testClients('tenant-notify');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const WINDOW_MS = 3000;
const GOOD_TOKEN = 'hubspot-private-app-token';
let hubspot: RunningHubSpotSim;
let receiver: WebhookReceiver;
let producer: DurableKafkaProducer;
const apps: AppProcess[] = [];
let api: string;
let channel: { id: string; secret: string };
const destinations: { good: string; badToken: string } = { good: '', badToken: '' };

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const CONTACT_MAPPING = {
  object: 'contacts',
  identity: { source: 'id', target: 'syncline_id' },
  fields: [
    { source: 'email', target: 'email' },
    { source: 'first_name', target: 'firstname' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
};

async function hubspotDestination(name: string, accessToken: string): Promise<string> {
  const created = await admin('POST', '/destinations', {
    name,
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  expect(created.status).toBe(201);
  expect((await admin('PUT', `/mappings/contact/${created.body.id}`, CONTACT_MAPPING)).status).toBe(
    200,
  );
  return created.body.id as string;
}

/** Rows in Postgres and their record-changed notices, as the sync-worker would announce them. */
async function changeContacts(emails: string[]): Promise<string[]> {
  const { rows } = await t.pool.query<{ id: string; version: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name)
     SELECT $1, email, 'Ada' FROM unnest($2::text[]) AS email RETURNING id, version`,
    [tenant, emails],
  );
  const notices: RecordChangedNotice[] = rows.map((row) => ({
    tenant,
    entity: 'contact',
    id: row.id,
    version: Number(row.version),
    op: 'upsert',
    observedAt: Date.now(),
  }));
  await producer.send(
    TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX),
    notices.map((notice) => ({
      key: recordChangedKey(notice),
      value: encodeRecordChangedNotice(notice),
    })),
  );
  return rows.map((row) => row.id);
}

/** The digests received so far, each checked against its signature first. */
function digests(): DigestPayload[] {
  return receiver.requests.map((request) => {
    const signed = verifyWebhookSignature(
      channel.secret,
      {
        signature: request.headers[SIGNATURE_HEADERS.signature] as string,
        timestamp: request.headers[SIGNATURE_HEADERS.timestamp] as string,
      },
      request.body,
    );
    if (!signed) throw new Error(`unsigned or badly signed notification: ${request.body}`);
    return JSON.parse(request.body) as DigestPayload;
  });
}

async function settled(): Promise<{ pendingEvents: number; notifications: { status: string }[] }> {
  const events = await t.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM syncline.notification_events WHERE channel_id = $1 AND notification_id IS NULL`,
    [channel.id],
  );
  const notifications = await t.pool.query<{ status: string }>(
    `SELECT status FROM syncline.notifications WHERE channel_id = $1 ORDER BY created_at`,
    [channel.id],
  );
  return { pendingEvents: Number(events.rows[0].n), notifications: notifications.rows };
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    accessTokens: [GOOD_TOKEN],
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  hubspot.state.setFaults({
    recordErrors: [{ objectType: 'contacts', field: 'email', matches: '^reject-' }],
  });
  receiver = await WebhookReceiver.start();
  producer = new DurableKafkaProducer(t.env.SYNCLINE_KAFKA_BROKERS.split(','), 'test-notify');
  await producer.connect();
  const router = `router-notify-${randomUUID()}`;
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    { groupId: router, topics: [TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX)] },
  ]);
  const port = await freePort();
  const env = t.appEnv({
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: `delivery-notify-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: router,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
    SYNCLINE_NOTIFY_DIGEST_WINDOW_MS: String(WINDOW_MS),
    SYNCLINE_NOTIFY_POLL_MS: '100',
    SYNCLINE_NOTIFY_HELD_THRESHOLD_MS: '1000',
    SYNCLINE_NOTIFY_API_URL: `http://127.0.0.1:${port}`,
  });
  const [cacheApi, deliveryWorker] = [
    AppProcess.start('cache-api', env),
    AppProcess.start('delivery-worker', env),
  ];
  apps.push(cacheApi, deliveryWorker);
  await cacheApi.waitForOutput('cache-api listening', 180_000);
  await deliveryWorker.waitForOutput('ops endpoints on', 180_000);
  api = `http://127.0.0.1:${port}`;

  expect((await admin('PUT', '', { name: 'Acme' })).status).toBe(200);
  const created = await admin('POST', '/notification-channels', {
    name: 'acme ops',
    kind: 'webhook',
    url: receiver.url,
  });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  channel = { id: created.body.id, secret: created.body.secret };
  destinations.good = await hubspotDestination('HubSpot', GOOD_TOKEN);
  // Routing picks a new mapping up within SYNCLINE_CONTROL_REFRESH_MS: a change announced before
  // goes nowhere. Announce accepted changes until one reached HubSpot, so the tests start routed.
  const probes = new Set<string>();
  await expectEventually(
    async () => {
      for (const id of await changeContacts([`ok-${randomUUID().slice(0, 8)}@acme.example`]))
        probes.add(id);
      const delivered = hubspot.state
        .records('contacts')
        .some((record) => probes.has(String(record.properties.syncline_id)));
      expect(delivered).toBe(true);
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
}, 420_000);

afterAll(async () => {
  for (const app of apps) await app.stop();
  await producer?.disconnect();
  await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1', [tenant]);
  await t.pool.query('DELETE FROM syncline.notification_channels WHERE tenant_id = $1', [tenant]);
  await t.pool.query('DELETE FROM syncline.entity_mappings WHERE tenant_id = $1', [tenant]);
  await t.pool.query('DELETE FROM syncline.destinations WHERE tenant_id = $1', [tenant]);
  await t.pool.query('DELETE FROM syncline.tenants WHERE id = $1', [tenant]);
  await receiver?.close();
  await hubspot?.close();
  await t.close();
});

describe('channels through the admin API', () => {
  it.each([
    ['a webhook without its url', { name: 'x', kind: 'webhook' }, '/url'],
    [
      'an url that is not http(s)',
      { name: 'x', kind: 'webhook', url: 'ftp://example.com/x' },
      '/url',
    ],
    [
      'a secret too short to be safe',
      { name: 'x', kind: 'webhook', url: 'https://example.com', secret: 'short' },
      '/secret',
    ],
    [
      'recipients on a webhook',
      { name: 'x', kind: 'webhook', url: 'https://example.com', recipients: ['a@b.example'] },
      '/recipients',
    ],
    [
      'an email channel while SMTP is not configured',
      { name: 'x', kind: 'email', recipients: ['a@b.example'] },
      '/kind',
    ],
    [
      'an address that is not one',
      { name: 'x', kind: 'email', recipients: ['not-an-address'] },
      '/recipients/0',
    ],
    ['an unknown kind', { name: 'x', kind: 'sms' }, '/kind'],
    [
      'an unknown field',
      { name: 'x', kind: 'webhook', url: 'https://example.com', retries: 3 },
      '/retries',
    ],
  ])('refuses %s with a 400 naming the field', async (_what, body, path) => {
    const response = await admin('POST', '/notification-channels', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed' });
    expect(response.body.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path })]),
    );
  });

  it('never shows the secret again, refuses a change of kind, and answers 404 for what is not there', async () => {
    const listed = await admin('GET', '/notification-channels');
    expect(listed.body).toEqual([
      expect.objectContaining({ id: channel.id, kind: 'webhook', url: receiver.url }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(channel.secret);
    expect(
      JSON.stringify((await admin('GET', `/notification-channels/${channel.id}`)).body),
    ).not.toContain(channel.secret);
    const kind = await admin('PATCH', `/notification-channels/${channel.id}`, { kind: 'email' });
    expect(kind.status).toBe(400);
    expect(kind.body.fields).toEqual([expect.objectContaining({ path: '/kind' })]);
    expect((await admin('GET', `/notification-channels/${randomUUID()}`)).status).toBe(404);
    const unknownTenant = await fetch(
      `${api}/v1/admin/tenants/nobody-${randomUUID()}/notification-channels`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
        body: JSON.stringify({ name: 'x', kind: 'webhook', url: 'https://example.com' }),
      },
    );
    expect(unknownTenant.status).toBe(404);
    expect((await admin('GET', '/notifications?limit=0')).status).toBe(400);
    expect((await admin('GET', '/notifications?cursor=nope')).status).toBe(400);
  });
});

describe('dead letters', () => {
  it('a dead-lettered record produces one signed digest, with its reason and the replay command', async () => {
    const [id] = await changeContacts([`reject-${randomUUID().slice(0, 8)}@acme.example`]);
    await expectEventually(
      async () => {
        expect(await settled()).toEqual({ pendingEvents: 0, notifications: [{ status: 'sent' }] });
      },
      { timeoutMs: 90_000 },
    );
    const received = digests();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      tenant,
      channel: { id: channel.id },
      summary: { events: 1, byKind: { dead_letter: 1 } },
    });
    const [item] = received[0].items;
    expect(item).toMatchObject({
      kind: 'dead_letter',
      destination: { id: destinations.good, name: 'HubSpot' },
      count: 1,
    });
    expect(item.samples).toEqual([expect.objectContaining({ entity: 'contact', recordId: id })]);
    expect(item.hint).toContain(
      `${api}/v1/admin/tenants/${tenant}/destinations/${destinations.good}/dlq/replay`,
    );
  });

  it('a storm of 1,000 dead letters produces a handful of digests, at most one per window, counting every one', async () => {
    const before = receiver.requests.length;
    await changeContacts(
      Array.from(
        { length: 1000 },
        (_, i) => `reject-${i}-${randomUUID().slice(0, 6)}@acme.example`,
      ),
    );
    await expectEventually(
      async () => {
        const storm = digests().slice(before);
        expect(storm.reduce((sum, d) => sum + (d.summary.byKind.dead_letter ?? 0), 0)).toBe(1000);
        expect((await settled()).pendingEvents).toBe(0);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const storm = digests().slice(before);
    expect(storm.length).toBeGreaterThanOrEqual(1);
    expect(storm.length).toBeLessThanOrEqual(4);
    const { rows } = await t.pool.query<{ gap_ms: string | null }>(
      `SELECT extract(epoch FROM created_at - lag(created_at) OVER (ORDER BY created_at)) * 1000 AS gap_ms
         FROM syncline.notifications WHERE channel_id = $1`,
      [channel.id],
    );
    for (const { gap_ms } of rows.slice(1))
      expect(Number(gap_ms)).toBeGreaterThanOrEqual(WINDOW_MS);
  });
});

describe('credentials and holds', () => {
  it('tells the tenant a destination refused its credentials and is held, with what to do', async () => {
    const before = receiver.requests.length;
    destinations.badToken = await hubspotDestination('HubSpot (old token)', 'revoked-token');
    // Routing picks the new mapping up within SYNCLINE_CONTROL_REFRESH_MS: a change made before
    // that reaches the good destination only, so changes keep coming until one reached it too.
    await expectEventually(
      async () => {
        await changeContacts([`ok-${randomUUID().slice(0, 8)}@acme.example`]);
        const items = digests()
          .slice(before)
          .flatMap((d) => d.items);
        expect(items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              kind: 'credentials_rejected',
              destination: expect.objectContaining({ id: destinations.badToken }),
              hint: expect.stringContaining('"credentials"'),
            }),
            expect.objectContaining({
              kind: 'destination_held',
              destination: expect.objectContaining({ id: destinations.badToken }),
            }),
          ]),
        );
      },
      { timeoutMs: 120_000, intervalMs: 2000 },
    );
  });

  it('lists every notification through the admin API, a page at a time, and counts them in metrics', async () => {
    const seen: { id: string; status: string; channelId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin('GET', `/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      const body = page.body as { items: typeof seen; next: string | null };
      seen.push(...body.items);
      cursor = body.next;
    } while (cursor);
    expect(seen.map((n) => n.id)).toEqual(
      digests()
        .map((d) => d.id)
        .reverse(),
    );
    expect(seen.every((n) => n.status === 'sent' && n.channelId === channel.id)).toBe(true);

    const ops = /ops endpoints on :(\d+)/.exec(apps[1].output)?.[1];
    const metrics = await (await fetch(`http://127.0.0.1:${ops}/metrics`)).text();
    const value = (series: string) =>
      Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(metrics)?.[1] ?? 0);
    expect(
      value('syncline_notification_events_total{kind="dead_letter",app="delivery-worker"}'),
    ).toBe(1001);
    expect(
      value(
        'syncline_notifications_sent_total{channel="webhook",outcome="sent",app="delivery-worker"}',
      ),
    ).toBe(seen.length);
  });
});
