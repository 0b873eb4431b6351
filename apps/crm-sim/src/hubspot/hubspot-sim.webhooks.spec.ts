import { Client, Signature } from '@hubspot/api-client';
import type { ApiException } from '@hubspot/api-client/lib/codegen/webhooks';
import { SubscriptionCreateRequestEventTypeEnum as EventType } from '@hubspot/api-client/lib/codegen/webhooks';
import { captureRejection } from '../common/utils/capture-rejection.util';
import { sleep } from '../common/utils/sleep.util';
import { startTestReceiver } from '../common/utils/start-test-receiver.util';
import { waitUntil } from '../common/utils/wait-until.util';
import type { ReceivedRequest } from '../common/types/received-request.type';
import type { HubSpotWebhookEvent } from './types/hubspot-webhook-event.type';
import type { RunningHubSpotSim } from './types/running-hubspot-sim.type';
import { startHubSpotSim } from './utils/start-hubspot-sim.util';

const APP_ID = 4242;
const SECRET = 'test-client-secret';
const DEVELOPER_KEY = 'dev-key';

type ErrorBody = { status: string; category: string; message: string };

describe('HubSpot sim: Webhooks API v3 and deliveries', () => {
  let sim: RunningHubSpotSim;
  let client: Client;
  let developer: Client;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
      limits: { tenSecondly: 100_000, searchPerSecond: 1_000 },
      // 2-minute first retry -> 1.2 ms: ten retries finish in well under a second.
      webhooks: {
        appId: APP_ID,
        portalId: 777,
        clientSecret: SECRET,
        developerApiKeys: [DEVELOPER_KEY],
        retryTimeScale: 0.00001,
        timeoutMs: 300,
      },
    });
    client = new Client({ accessToken: 'pat-test', basePath: sim.url });
    developer = new Client({ developerApiKey: DEVELOPER_KEY, basePath: sim.url });
    receiver = await startTestReceiver();
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => {
    sim.state.reset();
    receiver.received.length = 0;
    receiver.setResponder(() => 204);
  });

  async function subscribe(targetUrl = receiver.url): Promise<void> {
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl,
      throttling: { maxConcurrentRequests: 5 },
    });
    for (const request of [
      { eventType: EventType.ContactCreation, active: true },
      { eventType: EventType.ContactDeletion, active: true },
      { eventType: EventType.ContactPropertyChange, propertyName: 'firstname', active: true },
    ]) {
      await developer.webhooks.subscriptionsApi.create(APP_ID, request);
    }
  }

  async function upsert(ids: string[], firstname = 'Ada'): Promise<string[]> {
    const response = await client.crm.contacts.batchApi.upsert({
      inputs: ids.map((id) => ({ idProperty: 'syncline_id', id, properties: { firstname } })),
    });
    return response.results.map((r) => r.id);
  }

  const eventsOf = (request: ReceivedRequest): HubSpotWebhookEvent[] =>
    JSON.parse(request.body) as HubSpotWebhookEvent[];
  const allEvents = (): HubSpotWebhookEvent[] => receiver.received.flatMap(eventsOf);
  // POSTs run concurrently and may arrive in any order, as HubSpot's do: sort to compare.
  const byEventId = (): HubSpotWebhookEvent[] => allEvents().sort((a, b) => a.eventId - b.eventId);
  const idle = () =>
    waitUntil(() => (sim.state.pendingWebhookEvents() === 0 ? true : undefined), 5_000, 'idle');

  it('manages settings and subscriptions through @hubspot/api-client with a developer API key', async () => {
    const settings = await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 10 },
    });
    expect(settings).toMatchObject({
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 10 },
    });
    expect(settings.createdAt).toBeInstanceOf(Date);

    const created = await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.ContactPropertyChange,
      propertyName: 'lastname',
    });
    expect(created).toMatchObject({
      eventType: 'contact.propertyChange',
      propertyName: 'lastname',
      active: false,
    });
    const deal = await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.DealCreation,
      active: true,
    });
    await developer.webhooks.subscriptionsApi.update(Number(created.id), APP_ID, { active: true });
    const batch = await developer.webhooks.subscriptionsApi.updateBatch(APP_ID, {
      inputs: [{ id: Number(deal.id), active: false }],
    });
    expect(batch.results[0]).toMatchObject({ id: deal.id, active: false });

    const list = await developer.webhooks.subscriptionsApi.getAll(APP_ID);
    expect(list.results.map((s) => [s.eventType, s.active])).toEqual([
      ['contact.propertyChange', true],
      ['deal.creation', false],
    ]);
    await developer.webhooks.subscriptionsApi.archive(Number(deal.id), APP_ID);
    expect((await developer.webhooks.subscriptionsApi.getAll(APP_ID)).results).toHaveLength(1);
    expect(await developer.webhooks.settingsApi.getAll(APP_ID)).toMatchObject({
      targetUrl: receiver.url,
    });
    // The client secret is configured at start and never shown by any API.
    expect(JSON.stringify(settings)).not.toContain(SECRET);
  });

  it('rejects bad webhook API input in HubSpot error bodies, and calls without the developer key', async () => {
    const propertyless = await captureRejection<ApiException<ErrorBody>>(
      developer.webhooks.subscriptionsApi.create(APP_ID, {
        eventType: EventType.ContactPropertyChange,
      }),
    );
    expect(propertyless.code).toBe(400);
    expect(propertyless.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });

    const slow = await captureRejection<ApiException<ErrorBody>>(
      developer.webhooks.settingsApi.configure(APP_ID, {
        targetUrl: receiver.url,
        throttling: { maxConcurrentRequests: 1 },
      }),
    );
    expect(slow.code).toBe(400);
    expect(slow.body.message).toMatch(/maxConcurrentRequests/);

    const unknown = await captureRejection<ApiException<ErrorBody>>(
      developer.webhooks.subscriptionsApi.getById(999, APP_ID),
    );
    expect(unknown.code).toBe(404);
    const noSettings = await captureRejection<ApiException<ErrorBody>>(
      developer.webhooks.settingsApi.getAll(APP_ID),
    );
    expect(noSettings.code).toBe(404);

    for (const anonymous of [
      new Client({ basePath: sim.url }),
      new Client({ developerApiKey: 'wrong', basePath: sim.url }),
      // A private-app token is not a developer key.
      new Client({ accessToken: 'pat-test', basePath: sim.url }),
    ]) {
      const error = await captureRejection<ApiException<ErrorBody>>(
        anonymous.webhooks.subscriptionsApi.getAll(APP_ID),
      );
      expect(error.code).toBe(401);
      expect(error.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    }
  });

  it('POSTs API writes as signed JSON arrays: creation and propertyChange events, changeSource INTEGRATION', async () => {
    await subscribe();
    const [id] = await upsert(['a'], 'Ada');
    await upsert(['a'], 'Ada'); // same value: no property change, no event
    await upsert(['a'], 'Grace');
    await idle();

    const events = byEventId();
    expect(events.map((e) => [e.subscriptionType, e.propertyValue])).toEqual([
      ['contact.creation', undefined],
      ['contact.propertyChange', 'Ada'],
      ['contact.propertyChange', 'Grace'],
    ]);
    expect(events[1]).toMatchObject({
      objectId: Number(id),
      portalId: 777,
      appId: APP_ID,
      attemptNumber: 0,
      propertyName: 'firstname',
      changeSource: 'INTEGRATION',
      subscriptionId: 3,
    });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(typeof events[0].occurredAt).toBe('number');

    for (const request of receiver.received) {
      const timestamp = Number(request.headers['x-hubspot-request-timestamp']);
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(
        Signature.isValid({
          signatureVersion: 'v3',
          signature: String(request.headers['x-hubspot-signature-v3']),
          clientSecret: SECRET,
          requestBody: request.body,
          url: receiver.url,
          method: 'POST',
          timestamp,
        }),
      ).toBe(true);
      expect(request.headers['x-hubspot-signature-version']).toBe('v1');
      expect(
        Signature.isValid({
          signatureVersion: 'v1',
          signature: String(request.headers['x-hubspot-signature']),
          clientSecret: SECRET,
          requestBody: request.body,
        }),
      ).toBe(true);
      expect(
        Signature.isValid({
          signatureVersion: 'v3',
          signature: String(request.headers['x-hubspot-signature-v3']),
          clientSecret: 'another-secret',
          requestBody: request.body,
          url: receiver.url,
          timestamp,
        }),
      ).toBe(false);
    }
  });

  it('batches at most 100 events per POST', async () => {
    await subscribe();
    const ids = Array.from({ length: 100 }, (_, i) => `b-${i}`);
    await upsert(ids); // 100 creations + 100 firstname changes at once
    await idle();
    const sizes = receiver.received.map((r) => eventsOf(r).length);
    expect(Math.max(...sizes)).toBe(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('keeps at most maxConcurrentRequests POSTs in flight', async () => {
    await subscribe(); // maxConcurrentRequests: 5; creation + firstname
    const more = ['lastname', 'phone', 'company', 'jobtitle', 'city'];
    for (const propertyName of more) {
      await developer.webhooks.subscriptionsApi.create(APP_ID, {
        eventType: EventType.ContactPropertyChange,
        propertyName,
        active: true,
      });
    }
    let open = 0;
    let most = 0;
    receiver.setResponder(async () => {
      open += 1;
      most = Math.max(most, open);
      await sleep(50);
      open -= 1;
      return 204;
    });
    // One write of 100 contacts x 7 events: 7 full POSTs ready at once.
    await client.crm.contacts.batchApi.upsert({
      inputs: Array.from({ length: 100 }, (_, i) => ({
        idProperty: 'syncline_id',
        id: `c-${i}`,
        properties: Object.fromEntries(['firstname', ...more].map((p) => [p, `${p}-${i}`])),
      })),
    });
    await idle();
    expect(receiver.received.map((r) => eventsOf(r).length)).toEqual(Array(7).fill(100));
    expect(most).toBe(5);
  });

  it('retries a batch answered 500 with the same events and growing attemptNumber', async () => {
    await subscribe();
    receiver.setResponder((_request, index) => (index < 2 ? 500 : 200));
    await upsert(['r']);
    await idle();

    const deliveries = sim.state.webhookDeliveries();
    expect(deliveries.map((d) => [d.attemptNumber, d.status, d.willRetry])).toEqual([
      [0, 500, true],
      [1, 500, true],
      [2, 200, false],
    ]);
    expect(receiver.received.map((r) => eventsOf(r).map((e) => e.attemptNumber))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const ids = receiver.received.map((r) => eventsOf(r).map((e) => e.eventId));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
  });

  it('retries a 429 after its Retry-After instead of the backoff', async () => {
    await subscribe();
    // 10,000 s at the spec's time scale is 100 ms; the backoff's first retry would be ~1 ms.
    receiver.setResponder((_request, index) =>
      index === 0 ? { status: 429, headers: { 'Retry-After': '10000' } } : 204,
    );
    await upsert(['busy']);
    await idle();
    const [first, second] = sim.state.webhookDeliveries();
    expect([first.status, second.status]).toEqual([429, 204]);
    expect(Date.parse(second.startedAt) - Date.parse(first.startedAt)).toBeGreaterThanOrEqual(90);
  });

  it('retries a closed receiver 10 times after the first attempt, then gives up', async () => {
    const closed = await startTestReceiver();
    const closedUrl = closed.url;
    await closed.close();
    await subscribe(closedUrl);
    await upsert(['gone']);
    await idle();

    const deliveries = sim.state.webhookDeliveries();
    expect(deliveries).toHaveLength(11);
    expect(deliveries.map((d) => d.attemptNumber)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(deliveries.every((d) => d.status === 0 && d.error === 'ECONNREFUSED')).toBe(true);
    expect(deliveries.map((d) => d.willRetry).lastIndexOf(true)).toBe(9);
  });

  it('counts a receiver slower than the timeout as failed and retries it', async () => {
    await subscribe();
    receiver.setResponder(
      (_request, index) =>
        new Promise<number>((resolve) => setTimeout(() => resolve(200), index === 0 ? 600 : 0)),
    );
    await upsert(['slow']);
    await idle();
    const deliveries = sim.state.webhookDeliveries();
    expect(deliveries.map((d) => [d.attemptNumber, d.status, d.error])).toEqual([
      [0, 0, 'TimeoutError'],
      [1, 200, undefined],
    ]);
  });

  it('duplicates deliveries under the duplicate fault switch (at-least-once)', async () => {
    await subscribe();
    const response = await fetch(`${sim.url}/__sim/webhooks/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duplicateRate: 1 }),
    });
    expect(await response.json()).toEqual({ duplicateRate: 1, reorder: false });
    await upsert(['d1', 'd2']);
    await idle();

    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    expect(sim.state.webhookDeliveries().map((d) => d.duplicate)).toEqual([false, true]);

    const bad = await fetch(`${sim.url}/__sim/webhooks/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duplicateRate: 2 }),
    });
    expect(bad.status).toBe(400);
  });

  it('shuffles events across deliveries under the reorder fault switch, losing none', async () => {
    await subscribe();
    sim.state.setWebhookFaults({ reorder: true });
    const ids = Array.from({ length: 60 }, (_, i) => `o-${i}`);
    await upsert(ids);
    await idle();

    const events = allEvents();
    const sent = events.map((e) => e.eventId);
    expect([...sent].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(sent).not.toEqual([...sent].sort((a, b) => a - b));
    expect(receiver.received.length).toBeGreaterThan(1);
  });

  it('names events after the object type and reports API archives as deletions', async () => {
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    for (const request of [
      { eventType: EventType.CompanyPropertyChange, propertyName: 'domain', active: true },
      { eventType: EventType.DealDeletion, active: true },
    ]) {
      await developer.webhooks.subscriptionsApi.create(APP_ID, request);
    }
    const company = await client.crm.companies.basicApi.create({
      properties: { name: 'Acme' },
      associations: [],
    });
    await client.crm.companies.basicApi.update(company.id, { properties: { domain: 'acme.test' } });
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Big' },
      associations: [],
    });
    await client.crm.deals.batchApi.archive({ inputs: [{ id: deal.id }] });
    await idle();
    expect(byEventId().map((e) => [e.subscriptionType, e.objectId, e.changeSource])).toEqual([
      ['company.propertyChange', Number(company.id), 'INTEGRATION'],
      ['deal.deletion', Number(deal.id), 'INTEGRATION'],
    ]);
  });

  it('sends nothing for inactive subscriptions or without a target URL', async () => {
    await upsert(['quiet']); // no settings yet
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.ContactCreation,
    });
    await upsert(['still-quiet']);
    await idle();
    expect(receiver.received).toHaveLength(0);
  });
});
