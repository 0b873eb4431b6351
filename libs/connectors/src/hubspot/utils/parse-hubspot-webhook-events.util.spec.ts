import { Client } from '@hubspot/api-client';
import { captureHubSpotWebhooks, WEBHOOK_PORTAL_ID } from '../testing/capture-hubspot-webhooks';
import { HubSpotConnector } from '../hubspot.connector';
import type { HubSpotWebhookHint } from '../types/hubspot-webhook-hint.type';
import { parseHubSpotWebhookEvents } from './parse-hubspot-webhook-events.util';

const event = (fields: Record<string, unknown>) => ({
  eventId: 100,
  subscriptionId: 9,
  portalId: 62515,
  appId: 1,
  occurredAt: 1_750_000_000_000,
  attemptNumber: 0,
  changeSource: 'CRM_UI',
  ...fields,
});

describe(parseHubSpotWebhookEvents.name, () => {
  describe('on real crm-sim deliveries', () => {
    let hooks: Awaited<ReturnType<typeof captureHubSpotWebhooks>>;

    beforeAll(async () => {
      hooks = await captureHubSpotWebhooks();
    });
    afterAll(async () => {
      await hooks.close();
    });

    it('turns API creations, CRM-user edits and deletions of contacts and deals into hints', async () => {
      await hooks.subscribe([
        { eventType: 'contact.creation' },
        { eventType: 'contact.propertyChange', propertyName: 'lastname' },
        { eventType: 'contact.deletion' },
        { eventType: 'deal.creation' },
      ]);
      const connector = new HubSpotConnector({ accessToken: 'token', basePath: hooks.sim.url });
      const created = await connector.upsert('contacts', 'syncline_id', [
        { identity: 'a', properties: { firstname: 'Ada' } },
        { identity: 'b', properties: { firstname: 'Bob' } },
      ]);
      const [a, b] = created.map((r) => (r.ok ? r.externalId! : ''));
      hooks.sim.state.editRecord('contacts', a, { lastname: 'Lovelace' });
      hooks.sim.state.archiveRecord('contacts', b);
      const deal = await new Client({
        accessToken: 'token',
        basePath: hooks.sim.url,
      }).crm.deals.basicApi.create({
        properties: { dealname: 'Big' },
        associations: [],
      });
      await hooks.delivered();

      const results = hooks.received.map((request) => parseHubSpotWebhookEvents(request.body));
      const hints = results
        .flatMap((r) => r.hints)
        .sort((x, y) => Number(x.eventId) - Number(y.eventId));

      expect(results.flatMap((r) => r.problems)).toEqual([]);
      expect(hints.map((h) => [h.kind, h.object, h.externalId, h.changeSource])).toEqual([
        ['creation', 'contacts', a, 'INTEGRATION'],
        ['creation', 'contacts', b, 'INTEGRATION'],
        ['change', 'contacts', a, 'CRM_UI'],
        ['deletion', 'contacts', b, 'CRM_UI'],
        ['creation', 'deals', deal.id, 'INTEGRATION'],
      ]);
      expect(hints[2]).toMatchObject<Partial<HubSpotWebhookHint>>({
        objectTypeId: '0-1',
        portalId: WEBHOOK_PORTAL_ID,
        subscriptionType: 'contact.propertyChange',
        propertyName: 'lastname',
      });
      expect(new Set(hints.map((h) => h.eventId)).size).toBe(5);
      const record = hooks.sim.state.records('contacts').find((r) => r.id === a)!;
      expect(hints[2].occurredAt).toBe(new Date(record.updatedAt).toISOString());
    });
  });

  describe('on documented payloads', () => {
    it('reads generic object.* events by objectTypeId, custom objects by their id', () => {
      const { hints, problems } = parseHubSpotWebhookEvents([
        event({ subscriptionType: 'object.creation', objectTypeId: '0-3', objectId: 11 }),
        event({
          subscriptionType: 'object.propertyChange',
          objectTypeId: '2-3456789',
          objectId: '18446744073709551',
          propertyName: 'status',
          propertyValue: 'delivered',
        }),
        event({ subscriptionType: 'object.deletion', objectTypeId: '2-3456789', objectId: 12 }),
      ]);
      expect(problems).toEqual([]);
      expect(hints.map((h) => [h.kind, h.object, h.objectTypeId, h.externalId])).toEqual([
        ['creation', 'deals', '0-3', '11'],
        ['change', '2-3456789', '2-3456789', '18446744073709551'],
        ['deletion', '2-3456789', '2-3456789', '12'],
      ]);
      expect(hints[0].occurredAt).toBe('2025-06-15T15:06:40.000Z');
    });

    it('hints a merge as a change of the survivor and deletions of the merged-away records', () => {
      const { hints } = parseHubSpotWebhookEvents([
        event({
          subscriptionType: 'contact.merge',
          objectId: 5,
          primaryObjectId: 5,
          mergedObjectIds: [6, 7],
        }),
      ]);
      expect(hints.map((h) => [h.kind, h.externalId])).toEqual([
        ['change', '5'],
        ['deletion', '6'],
        ['deletion', '7'],
      ]);
    });

    it('reports unknown types and broken events as problems and still reads the rest', () => {
      const { hints, problems } = parseHubSpotWebhookEvents(
        JSON.stringify([
          event({ subscriptionType: 'conversation.creation', objectId: 1 }),
          event({ subscriptionType: 'contact.somethingNew', objectId: 2 }),
          event({ subscriptionType: 'contact.propertyChange' }),
          event({ subscriptionType: 'object.creation', objectId: 3 }),
          event({ subscriptionType: 'company.restore', objectId: 4 }),
          event({ subscriptionType: 'contact.associationChange', objectId: 5 }),
          'junk',
        ]),
      );
      expect(problems).toEqual([
        'event 0: conversation.creation: unsupported object conversation',
        'event 1: unsupported subscriptionType contact.somethingNew',
        'event 2: contact.propertyChange: no objectId',
        'event 3: object.creation: no objectTypeId',
        'event 6: not an object',
      ]);
      expect(hints.map((h) => [h.kind, h.object, h.externalId])).toEqual([
        ['change', 'companies', '4'],
      ]);
    });

    it('reports a body that is not a JSON array', () => {
      expect(parseHubSpotWebhookEvents('{"eventId": 1}')).toEqual({
        hints: [],
        problems: ['body is not a JSON array of events'],
      });
      expect(parseHubSpotWebhookEvents('not json')).toEqual({
        hints: [],
        problems: ['body is not JSON'],
      });
    });
  });
});
