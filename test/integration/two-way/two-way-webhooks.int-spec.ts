import { Client, Signature } from '@hubspot/api-client';
import { SubscriptionCreateRequestEventTypeEnum as EventType } from '@hubspot/api-client/lib/codegen/webhooks';
import { randomUUID } from 'node:crypto';
import {
  HubSpotWebhookDelivery,
  RunningHubSpotSim,
  startHubSpotSim,
} from '../../../apps/crm-sim/src';
import { adminApi } from '../support/admin-api';
import { appCounter } from '../support/app-counter';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { scrapeMetric } from '../support/scrape-metric';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';
import { WebhookIngress } from '../support/webhook-ingress';

// Two-way sync by HubSpot webhooks only (polling off): CRM users' edits arrive as signed,
// at-least-once, unordered deliveries, some of them only after failed attempts, and leave every
// row with the CRM's latest values and nothing echoed back; replayed deliveries change nothing;
// a forged or stale one is refused and writes nothing.

jest.setTimeout(240_000);

const RECORDS = 6;
const APP_ID = 4_711;
const DEVELOPER_KEY = 'developer-key';
const CLIENT_SECRET = `client-secret-${randomUUID()}`;

const t = testClients('two-way-webhooks');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const apps: AppProcess[] = [];
let api: string;
const admin = adminApi(() => api, adminKey);
let hubspot: RunningHubSpotSim;
let ingress: WebhookIngress;
let destination: string;
/** The contacts' ids in Postgres (`syncline_id` in HubSpot). */
const ids: string[] = [];

const hookPath = () => `/v1/webhooks/hubspot/${destination}`;
/** A delivery-worker counter. */
const workerCounter = (name: string, labels: Record<string, string>) =>
  appCounter(apps[2], name, labels);
const badSignatures = async () =>
  (await scrapeMetric(`${api}/metrics`, 'syncline_inbound_webhook_requests_total'))
    .filter((s) => s.labels.destination === destination && s.labels.result === 'bad_signature')
    .reduce((sum, s) => sum + s.value, 0);

const crmRecord = (id: string) =>
  hubspot.state.records('contacts').find((r) => r.properties.syncline_id === id && !r.archived);
const crmNames = (id: string) => {
  const record = crmRecord(id)!;
  return [record.properties.firstname, record.properties.lastname];
};
/** A CRM user edits both names of every contact. */
const editAll = (label: string) => {
  for (const [n, id] of ids.entries())
    hubspot.state.editRecord('contacts', crmRecord(id)!.id, {
      firstname: `${label}-first-${n}`,
      lastname: `${label}-last-${n}`,
    });
};

async function rows(of: string[] = ids) {
  const { rows: found } = await t.pool.query<{
    id: string;
    first_name: string;
    last_name: string;
    version: string;
  }>(
    'SELECT id, first_name, last_name, version FROM contacts WHERE tenant_id = $1 AND id = ANY($2)',
    [tenant, of],
  );
  const byId = new Map(found.map((row) => [row.id, row]));
  return of.map((id) => byId.get(id)!);
}

async function cachedNames(id: string) {
  const cached = await t.cache.get({ tenant, entity: 'contact', id });
  return cached && !cached.deleted ? [cached.data.first_name, cached.data.last_name] : [];
}

/** The inbound log's entry of each contact, by Postgres id. */
async function inboundLog(): Promise<Map<string, { outcome: string; updatedAt: string }>> {
  const log = await admin(tenant, 'GET', `/destinations/${destination}/inbound-log?limit=1000`);
  expect(log.status).toBe(200);
  const entries = log.body as { recordId: string; outcome: string; updatedAt: string }[];
  return new Map(entries.map((entry) => [entry.recordId, entry]));
}

const succeeded = (d: HubSpotWebhookDelivery) => d.status >= 200 && d.status < 300;

/** Every event HubSpot sent after delivery `sinceSeq` has reached the cache-api, none is left. */
async function webhooksSettled(sinceSeq: number): Promise<HubSpotWebhookDelivery[]> {
  return expectEventually(
    () => {
      expect(hubspot.state.pendingWebhookEvents()).toBe(0);
      const deliveries = hubspot.state.webhookDeliveries(sinceSeq);
      const delivered = new Set(deliveries.filter(succeeded).flatMap((d) => d.eventIds));
      expect(deliveries.flatMap((d) => d.eventIds).filter((e) => !delivered.has(e))).toEqual([]);
      return deliveries;
    },
    { timeoutMs: 60_000 },
  );
}

const lastSeq = <T extends { seq: number }>(items: T[]) => items.at(-1)?.seq ?? 0;

/** API calls that write HubSpot records (reads are batch/read and search POSTs). */
const crmWrites = (sinceSeq: number) =>
  hubspot.state
    .calls(sinceSeq)
    .filter(
      (call) =>
        call.path.startsWith('/crm/') &&
        call.method !== 'GET' &&
        !/\/(batch\/read|search)$/.test(call.path),
    );

/** Each contact's row version, cached version and HubSpot `updatedAt`: any write moves one. */
async function marks() {
  return Promise.all(
    (await rows()).map(async (row) => [
      row.version,
      (await t.cache.get({ tenant, entity: 'contact', id: row.id }))?.version,
      crmRecord(row.id)?.updatedAt,
    ]),
  );
}

async function insertContact(): Promise<string> {
  const { rows: inserted } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace') RETURNING id`,
    [tenant, `${randomUUID().slice(0, 12)}@example.com`],
  );
  return inserted[0].id;
}

/**
 * Quiet: a later contact through every hop (Postgres, CDC, delivery to HubSpot, its creation
 * webhooks back) finds the contacts' marks as they were and no HubSpot write but its own.
 */
async function expectQuiet(before: Awaited<ReturnType<typeof marks>>): Promise<void> {
  const calls = lastSeq(hubspot.state.calls());
  const deliveries = lastSeq(hubspot.state.webhookDeliveries());
  const sentinel = await insertContact();
  await expectEventually(() => expect(crmRecord(sentinel)).toBeDefined(), { timeoutMs: 60_000 });
  await webhooksSettled(deliveries);
  expect(await marks()).toEqual(before);
  expect(crmWrites(calls).reduce((n, call) => n + call.items, 0)).toBe(1);
}

beforeAll(async () => {
  ingress = await WebhookIngress.start(() => api);
  hubspot = await startHubSpotSim({
    port: 0,
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    // Retries after 120 ms, 240 ms, ... instead of 2 minutes, 4, ...: all ten within a minute.
    webhooks: {
      appId: APP_ID,
      clientSecret: CLIENT_SECRET,
      developerApiKeys: [DEVELOPER_KEY],
      retryTimeScale: 0.001,
    },
  });
  api = await startPipeline(t, adminKey, apps, {
    // Webhooks only: a change no webhook announced is never read.
    SYNCLINE_INBOUND_POLL_MS: '0',
    // HubSpot signs the URL it calls: the ingress's, not the cache-api's own.
    SYNCLINE_PUBLIC_URL: ingress.url,
  });
  expect((await admin(tenant, 'PUT', '', { name: tenant })).status).toBe(200);
  const created = await admin(tenant, 'POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token', webhookSecret: CLIENT_SECRET },
    rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
  });
  expect(created.status).toBe(201);
  destination = (created.body as { id: string }).id;
  const mapping = await admin(tenant, 'PUT', `/mappings/contact/${destination}`, {
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'first_name', target: 'firstname', direction: 'both' },
      { source: 'last_name', target: 'lastname', direction: 'both' },
    ],
    rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'ignore' },
  });
  expect(mapping.status).toBe(200);

  // The app's webhook settings and subscriptions, as its developer sets them up.
  const developer = new Client({ developerApiKey: DEVELOPER_KEY, basePath: hubspot.url });
  await developer.webhooks.settingsApi.configure(APP_ID, {
    targetUrl: `${ingress.url}${hookPath()}`,
    throttling: { maxConcurrentRequests: 5 },
  });
  for (const request of [
    { eventType: EventType.ContactCreation, active: true },
    { eventType: EventType.ContactDeletion, active: true },
    { eventType: EventType.ContactPropertyChange, propertyName: 'firstname', active: true },
    { eventType: EventType.ContactPropertyChange, propertyName: 'lastname', active: true },
  ])
    await developer.webhooks.subscriptionsApi.create(APP_ID, request);

  // The mapping is in effect once a new contact reaches HubSpot (workers reload every 500 ms).
  ids.push(
    await expectEventually(
      async () => {
        const candidate = await insertContact();
        await expectEventually(() => expect(crmRecord(candidate)).toBeDefined(), {
          timeoutMs: 10_000,
        });
        return candidate;
      },
      { timeoutMs: 90_000 },
    ),
  );
  for (let n = 1; n < RECORDS; n += 1) ids.push(await insertContact());
  await expectEventually(() => ids.forEach((id) => expect(crmRecord(id)).toBeDefined()), {
    timeoutMs: 60_000,
  });
  // Their creation webhooks (our own writes) have come back and been read: nothing to apply.
  await webhooksSettled(0);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await hubspot?.close();
  await ingress?.close();
  await t.close();
});

describe('two-way sync by HubSpot webhooks', () => {
  it('ends every row with the CRM latest values despite duplicated, reordered and retried deliveries, and echoes nothing', async () => {
    const since = lastSeq(hubspot.state.webhookDeliveries());
    const unchangedBefore = await workerCounter('syncline_delivery_records_total', {
      destination,
      outcome: 'unchanged',
    });
    hubspot.state.setWebhookFaults({ duplicateRate: 1, reorder: true });
    // The endpoint is down for a while: HubSpot retries what failed, later and mixed with newer events.
    ingress.failing = true;
    editAll('first');
    await expectEventually(() =>
      expect(
        hubspot.state.webhookDeliveries(since).some((d) => d.status === 503 && d.willRetry),
      ).toBe(true),
    );
    editAll('second');
    ingress.failing = false;
    editAll('third');

    const deliveries = await webhooksSettled(since);
    hubspot.state.setWebhookFaults({ duplicateRate: 0, reorder: false });
    // The faults did happen: retried after failing, and delivered twice.
    expect(deliveries.some((d) => succeeded(d) && d.attemptNumber > 0)).toBe(true);
    expect(deliveries.some((d) => succeeded(d) && d.duplicate)).toBe(true);

    // The CRM holds each contact's last edit; Postgres and the cache end with exactly that.
    const expected = ids.map((_, n) => [`third-first-${n}`, `third-last-${n}`]);
    expect(ids.map(crmNames)).toEqual(expected);
    await expectEventually(
      async () => {
        expect((await rows()).map((row) => [row.first_name, row.last_name])).toEqual(expected);
        expect(await Promise.all(ids.map(cachedNames))).toEqual(expected);
      },
      { timeoutMs: 60_000 },
    );
    const log = await inboundLog();
    for (const id of ids) expect(['applied', 'unchanged']).toContain(log.get(id)?.outcome);
    // Each written row came back to the delivery-worker by CDC and was recognised as HubSpot's own.
    await expectEventually(async () =>
      expect(
        await workerCounter('syncline_delivery_records_total', {
          destination,
          outcome: 'unchanged',
        }),
      ).toBeGreaterThanOrEqual(unchangedBefore + RECORDS),
    );
    await expectQuiet(await marks());
  });

  it('changes nothing when earlier deliveries are replayed', async () => {
    const replayed = ingress.forwarded.filter((r) => r.path === hookPath() && r.status === 200);
    expect(replayed.length).toBeGreaterThan(0);
    const before = await marks();
    const logBefore = await inboundLog();
    // Signed within the last five minutes: the signatures still hold.
    for (const request of replayed) expect(await ingress.replay(request)).toBe(200);
    // Each contact was read again (its log entry rewritten) and found unchanged.
    await expectEventually(
      async () => {
        const log = await inboundLog();
        for (const id of ids) {
          expect(log.get(id)?.updatedAt).not.toBe(logBefore.get(id)?.updatedAt);
          expect(log.get(id)?.outcome).toBe('unchanged');
        }
      },
      { timeoutMs: 60_000 },
    );
    await expectQuiet(before);
  });

  it('refuses a delivery with a bad signature or a stale timestamp and writes nothing', async () => {
    const [id] = ids;
    const hubspotId = crmRecord(id)!.id;
    const since = lastSeq(hubspot.state.webhookDeliveries());
    const [rowBefore] = await rows([id]);
    const logBefore = (await inboundLog()).get(id);
    const refusedBefore = await badSignatures();
    // A real change waits in HubSpot's retries while the forged calls come in.
    ingress.failing = true;
    hubspot.state.editRecord('contacts', hubspotId, { firstname: 'Grace' });
    await expectEventually(() =>
      expect(hubspot.state.webhookDeliveries(since).some((d) => d.status === 503)).toBe(true),
    );

    const body = JSON.stringify([
      {
        eventId: 900_001,
        subscriptionId: 3,
        portalId: 62_515,
        appId: APP_ID,
        occurredAt: Date.now(),
        subscriptionType: 'contact.propertyChange',
        attemptNumber: 0,
        objectId: Number(hubspotId),
        propertyName: 'firstname',
        propertyValue: 'Grace',
        changeSource: 'CRM_UI',
      },
    ]);
    const send = async (secret: string, timestamp: number) => {
      const response = await fetch(`${api}${hookPath()}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': Signature.getSignature('POST', 'v3', {
            signature: '',
            clientSecret: secret,
            requestBody: body,
            url: `${ingress.url}${hookPath()}`,
            timestamp,
          }),
          'x-hubspot-request-timestamp': String(timestamp),
        },
        body,
      });
      return response.status;
    };
    expect(await send('not-the-client-secret', Date.now())).toBe(401);
    expect(await send(CLIENT_SECRET, Date.now() - 6 * 60_000)).toBe(401);
    expect(await badSignatures()).toBe(refusedBefore + 2);
    // The 401 came before any hint was produced: the row and its log entry are as they were.
    expect(await rows([id])).toEqual([rowBefore]);
    expect((await inboundLog()).get(id)).toEqual(logBefore);

    // The genuine delivery, once it gets through, is what applies the change.
    ingress.failing = false;
    await webhooksSettled(since);
    await expectEventually(async () => expect((await rows([id]))[0].first_name).toBe('Grace'), {
      timeoutMs: 60_000,
    });
  });
});
