import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies';
import { SubscriptionCreateRequestEventTypeEnum as EventType } from '@hubspot/api-client/lib/codegen/webhooks';
import { sleep } from '../common/utils/sleep.util';
import { startTestReceiver } from '../common/utils/start-test-receiver.util';
import { waitUntil } from '../common/utils/wait-until.util';
import type { HubSpotWebhookEvent } from './types/hubspot-webhook-event.type';
import type { RunningHubSpotSim } from './types/running-hubspot-sim.type';
import { startHubSpotSim } from './utils/start-hubspot-sim.util';

const APP_ID = 99;

describe('HubSpot sim: edits as a CRM user, and polling by last-modified date', () => {
  let sim: RunningHubSpotSim;
  let client: Client;
  let developer: Client;
  let receiver: Awaited<ReturnType<typeof startTestReceiver>>;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      limits: { tenSecondly: 100_000, searchPerSecond: 1_000 },
      webhooks: { appId: APP_ID, clientSecret: 's', retryTimeScale: 0.00001 },
    });
    client = new Client({ accessToken: 'pat-test', basePath: sim.url });
    developer = new Client({ developerApiKey: 'any', basePath: sim.url });
    receiver = await startTestReceiver();
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => {
    sim.state.reset();
    receiver.received.length = 0;
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const events = (): HubSpotWebhookEvent[] =>
    receiver.received.flatMap((r) => JSON.parse(r.body) as HubSpotWebhookEvent[]);

  async function createContact(firstname: string): Promise<string> {
    const created = await client.crm.contacts.basicApi.create({
      properties: { firstname, email: `${firstname.toLowerCase()}@example.com` },
      associations: [],
    });
    return created.id;
  }

  it('edits properties as a CRM user: timestamps move, a CRM_UI webhook fires, the call log stays as it was', async () => {
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.ContactPropertyChange,
      propertyName: 'lastname',
      active: true,
    });
    const id = await createContact('Ada');
    const before = await client.crm.contacts.basicApi.getById(id, ['lastmodifieddate']);
    const callsBefore = sim.state.calls().length;
    await sleep(5);

    const response = await admin('PATCH', `/records/contacts/${id}`, {
      properties: { lastname: 'Lovelace' },
    });
    expect(response.status).toBe(200);
    const edited = (await response.json()) as { properties: Record<string, string> };
    expect(edited.properties).toMatchObject({ lastname: 'Lovelace' });
    expect(Date.parse(edited.properties.lastmodifieddate)).toBeGreaterThan(
      Date.parse(before.properties.lastmodifieddate ?? ''),
    );
    expect(edited.properties.hs_lastmodifieddate).toBe(edited.properties.lastmodifieddate);
    expect(sim.state.calls()).toHaveLength(callsBefore);

    await waitUntil(() => (events().length > 0 ? true : undefined), 2_000, 'a webhook');
    expect(events()).toEqual([
      expect.objectContaining({
        subscriptionType: 'contact.propertyChange',
        objectId: Number(id),
        propertyName: 'lastname',
        propertyValue: 'Lovelace',
        changeSource: 'CRM_UI',
      }),
    ]);
    // The sim state offers the same edit in process.
    expect(sim.state.editRecord('contacts', id, { lastname: 'Byron' }).properties.lastname).toBe(
      'Byron',
    );
  });

  it('deletes as a CRM user: a CRM_UI deletion event, and the record is listed with archived=true', async () => {
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.ContactDeletion,
      active: true,
    });
    const kept = await createContact('Kept');
    const gone = await createContact('Gone');
    expect((await admin('DELETE', `/records/contacts/${gone}`)).status).toBe(204);

    await waitUntil(() => (events().length > 0 ? true : undefined), 2_000, 'a webhook');
    expect(events()).toEqual([
      expect.objectContaining({
        subscriptionType: 'contact.deletion',
        objectId: Number(gone),
        changeSource: 'CRM_UI',
      }),
    ]);

    const archived = await client.crm.contacts.basicApi.getPage(
      10,
      undefined,
      ['firstname'],
      undefined,
      undefined,
      true,
    );
    expect(archived.results.map((r) => [r.id, r.archived, r.properties.firstname])).toEqual([
      [gone, true, 'Gone'],
    ]);
    expect(archived.results[0].archivedAt).toBeInstanceOf(Date);
    const live = await client.crm.contacts.basicApi.getPage(10);
    expect(live.results.map((r) => r.id)).toEqual([kept]);
  });

  it('creates as a CRM user: a new id and timestamps, a CRM_UI creation event, no call-log entry', async () => {
    await developer.webhooks.settingsApi.configure(APP_ID, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    await developer.webhooks.subscriptionsApi.create(APP_ID, {
      eventType: EventType.ContactCreation,
      active: true,
    });
    const existing = await createContact('Ada');
    const callsBefore = sim.state.calls().length;

    const response = await admin('POST', '/records/contacts', {
      properties: { firstname: 'Grace', email: 'grace@example.com' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; properties: Record<string, string> };
    expect(created.id).not.toBe(existing);
    expect(created.properties).toMatchObject({ firstname: 'Grace', hs_object_id: created.id });
    expect(Date.parse(created.properties.createdate)).not.toBeNaN();
    expect(created.properties.hs_lastmodifieddate).toBe(created.properties.lastmodifieddate);
    expect(sim.state.calls()).toHaveLength(callsBefore);
    const read = await client.crm.contacts.basicApi.getById(created.id, ['firstname']);
    expect(read.properties.firstname).toBe('Grace');

    const userEvents = () => events().filter((e) => e.objectId === Number(created.id));
    await waitUntil(() => (userEvents().length > 0 ? true : undefined), 2_000, 'a webhook');
    expect(userEvents()).toEqual([
      expect.objectContaining({
        subscriptionType: 'contact.creation',
        objectId: Number(created.id),
        changeSource: 'CRM_UI',
      }),
    ]);
    // Unique values hold as through the API; the sim state offers the same create in process.
    expect(
      (await admin('POST', '/records/contacts', { properties: { email: 'grace@example.com' } }))
        .status,
    ).toBe(409);
    expect(sim.state.createRecord('contacts', { firstname: 'Lin' }).properties.firstname).toBe(
      'Lin',
    );
  });

  it('answers bad admin edits with 400 and unknown records with 404', async () => {
    const id = await createContact('Ada');
    const notAnObject = await admin('PATCH', `/records/contacts/${id}`, { lastname: 'x' });
    expect(notAnObject.status).toBe(400);
    expect(await notAnObject.json()).toMatchObject({ error: 'invalid_request' });
    const badProperty = await admin('PATCH', `/records/contacts/${id}`, {
      properties: { nope: 'x' },
    });
    expect(badProperty.status).toBe(400);
    expect(((await badProperty.json()) as { message: string }).message).toMatch(
      /Property values were not valid.*PROPERTY_DOESNT_EXIST/,
    );
    expect((await admin('PATCH', '/records/contacts/999999', { properties: {} })).status).toBe(404);
    expect((await admin('DELETE', '/records/contacts/999999')).status).toBe(404);
  });

  it('polls companies by hs_lastmodifieddate GTE, sorted ascending, page by page', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `co-${i}`);
    const ids: string[] = [];
    for (const name of names) {
      ids.push(
        (await client.crm.companies.basicApi.create({ properties: { name }, associations: [] })).id,
      );
      await sleep(2);
    }
    const watermark = Date.now();
    await sleep(5);
    // Three changes after the watermark: two by the integration, one by a CRM user.
    await client.crm.companies.basicApi.update(ids[5], { properties: { domain: 'five.example' } });
    await sleep(2);
    await client.crm.companies.basicApi.update(ids[1], { properties: { domain: 'one.example' } });
    await sleep(2);
    expect(
      (
        await admin('PATCH', `/records/companies/${ids[3]}`, {
          properties: { domain: 'x.example' },
        })
      ).status,
    ).toBe(200);

    const seen: string[] = [];
    let after: string | undefined = '0';
    while (after !== undefined) {
      const page = await client.crm.companies.searchApi.doSearch({
        filterGroups: [
          {
            filters: [
              {
                propertyName: 'hs_lastmodifieddate',
                operator: FilterOperatorEnum.Gte,
                value: String(watermark),
              },
            ],
          },
        ],
        sorts: ['hs_lastmodifieddate'],
        properties: ['name', 'hs_lastmodifieddate'],
        limit: 2,
        after,
      });
      expect(page.total).toBe(3);
      seen.push(...page.results.map((r) => r.properties.name ?? ''));
      after = page.paging?.next?.after;
    }
    expect(seen).toEqual(['co-5', 'co-1', 'co-3']);
  });
});
