import { Signature } from '@hubspot/api-client';
import { APP_FILTER } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig, SYNCLINE_CONFIG } from '@syncline/config';
import { signRestWebhook } from '@syncline/connectors';
import { Destination, DestinationRepository, MappingRepository } from '@syncline/control-plane';
import { decodeInboundHint, InboundHint } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityMapping } from '@syncline/mapping';
import { MetricsRegistry } from '@syncline/observability';
import { SynclineExceptionFilter } from '../errors/syncline-exception.filter';
import { createHttpAdapter } from '../http/utils/create-http-adapter.util';
import { CacheApiMetrics } from '../services/cache-api.metrics';
import { AcceptWebhookUseCase } from './usecases/accept-webhook.usecase';
import { WebhooksController } from './webhooks.controller';

const PUBLIC_URL = 'https://sync.example.com';
const HUBSPOT_ID = '6a1d3c52-8f0e-4b7a-9c2d-1e5f7a9b3c4d';
const REST_ID = '0b6f4d7e-5a34-4c1e-9d1b-7f0e2c3a4b5d';
const NO_SECRET_ID = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
const ONE_WAY_ID = '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b';
const HUBSPOT_SECRET = 'hubspot-app-client-secret-0001';
const REST_SECRET = 'rest-shared-secret-0123456789';

const destination = (id: string, kind: Destination['kind']): Destination =>
  ({ id, tenant: 'logistics', kind, name: id, version: 1 }) as Destination;
// Shipments (a HubSpot custom object, and a REST system's resource) and contacts are two-way;
// companies go out only.
const mapping = (destinationId: string, object: string, twoWay = true): EntityMapping =>
  ({
    tenant: 'logistics',
    entity: object === 'contacts' ? 'contacts' : 'shipments',
    destinationId,
    object,
    ...(twoWay ? { inbound: { conflictPolicy: 'crm_wins', deletePolicy: 'soft_delete' } } : {}),
  }) as EntityMapping;
const targets = new Map([
  [HUBSPOT_ID, { destination: destination(HUBSPOT_ID, 'hubspot'), webhookSecret: HUBSPOT_SECRET }],
  [REST_ID, { destination: destination(REST_ID, 'rest'), webhookSecret: REST_SECRET }],
  [NO_SECRET_ID, { destination: destination(NO_SECRET_ID, 'hubspot'), webhookSecret: null }],
  [ONE_WAY_ID, { destination: destination(ONE_WAY_ID, 'hubspot'), webhookSecret: HUBSPOT_SECRET }],
]);
const mappings = [
  mapping(HUBSPOT_ID, 'contacts'),
  mapping(HUBSPOT_ID, '2-3456789'),
  mapping(HUBSPOT_ID, 'companies', false),
  mapping(REST_ID, 'shipments'),
  mapping(NO_SECRET_ID, 'contacts'),
  mapping(ONE_WAY_ID, 'contacts', false),
];

const NOW = Date.now();
const event = (fields: Record<string, unknown>) => ({
  eventId: 100,
  subscriptionId: 7,
  portalId: 62515,
  appId: 1,
  occurredAt: NOW - 1000,
  attemptNumber: 0,
  changeSource: 'CRM_UI',
  ...fields,
});
// Pretty-printed with a non-ASCII value: the signature covers these exact bytes.
const HUBSPOT_BODY = JSON.stringify(
  [
    event({
      subscriptionType: 'contact.propertyChange',
      objectId: 1246965,
      propertyName: 'city',
      propertyValue: 'Zürich',
    }),
    event({
      eventId: 101,
      subscriptionType: 'object.deletion',
      objectTypeId: '2-3456789',
      objectId: 777,
    }),
    event({ eventId: 102, subscriptionType: 'company.propertyChange', objectId: 55 }),
    event({ eventId: 103, subscriptionType: 'contact.somethingNew', objectId: 56 }),
  ],
  null,
  2,
);

function hubSpotHeaders(body: string, url: string, timestamp = NOW, secret = HUBSPOT_SECRET) {
  const signature = Signature.getSignature('POST', 'v3', {
    signature: '',
    clientSecret: secret,
    requestBody: body,
    url,
    timestamp,
  });
  return {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': String(timestamp),
  };
}

describe(WebhooksController.name, () => {
  let app: NestFastifyApplication;
  let metrics: CacheApiMetrics;
  let produced: { topic: string; key: string; hint: InboundHint }[];
  let kafkaDown: boolean;

  beforeEach(async () => {
    produced = [];
    kafkaDown = false;
    metrics = new CacheApiMetrics(new MetricsRegistry('cache-api-test'));
    const producer = {
      ensureTopics: async () => {
        if (kafkaDown) throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
      },
      send: async (topic: string, messages: { key: string; value: Buffer }[]) => {
        if (kafkaDown) throw new Error('KafkaJSConnectionError: connect ECONNREFUSED');
        for (const message of messages)
          produced.push({ topic, key: message.key, hint: decodeInboundHint(message.value) });
      },
    };
    const useCase = new AcceptWebhookUseCase(
      { webhookTarget: async (id: string) => targets.get(id) } as unknown as DestinationRepository,
      { list: async () => mappings } as unknown as MappingRepository,
      producer as unknown as DurableKafkaProducer,
      metrics,
      { topicPrefix: 'syncline-test', hintPartitions: 3 },
    );
    const moduleRef = await Test.createTestingModule({
      controllers: [WebhooksController],
      providers: [
        { provide: SYNCLINE_CONFIG, useValue: loadConfig({ SYNCLINE_PUBLIC_URL: PUBLIC_URL }) },
        { provide: AcceptWebhookUseCase, useValue: useCase },
        { provide: APP_FILTER, useClass: SynclineExceptionFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), {
      bodyParser: false,
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterEach(async () => {
    await app.close();
  });

  const post = (url: string, body: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, payload: body, headers });
  const requests = async (result: string) =>
    (await metrics.webhookRequests.get()).values
      .filter((v) => v.labels.result === result)
      .reduce((sum, v) => sum + v.value, 0);
  const hints = async (kind: string) =>
    (await metrics.webhookHints.get()).values.find((v) => v.labels.kind === kind)?.value ?? 0;

  describe('POST /v1/webhooks/hubspot/:destinationId', () => {
    const path = `/v1/webhooks/hubspot/${HUBSPOT_ID}`;

    it('turns signed events into hints of the two-way objects, keyed by record, before answering 200', async () => {
      const response = await post(
        path,
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + path),
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        accepted: 2,
        dropped: 1,
        problems: [expect.stringContaining('contact.somethingNew')],
      });
      expect(produced).toEqual([
        {
          topic: 'syncline-test.inbound-hints',
          key: `${HUBSPOT_ID}/1246965`,
          hint: {
            destinationId: HUBSPOT_ID,
            object: 'contacts',
            externalId: '1246965',
            kind: 'change',
            occurredAt: NOW - 1000,
            source: 'webhook',
            receivedAt: expect.any(Number),
          },
        },
        {
          topic: 'syncline-test.inbound-hints',
          key: `${HUBSPOT_ID}/777`,
          hint: expect.objectContaining({
            object: '2-3456789',
            externalId: '777',
            kind: 'deletion',
          }),
        },
      ]);
      expect(await requests('accepted')).toBe(1);
      expect([
        await hints('change'),
        await hints('deletion'),
        await hints('unmapped'),
        await hints('unreadable'),
      ]).toEqual([1, 1, 1, 1]);
    });

    it('names a custom object by the name the mapping uses, when HubSpot knows it by another', async () => {
      const body = JSON.stringify([
        event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: 9 }),
      ]);
      const response = await post(path, body, hubSpotHeaders(body, PUBLIC_URL + path));
      expect(response.statusCode).toBe(200);
      expect(produced.map((p) => p.hint.object)).toEqual(['contacts']);
    });

    it.each([
      [
        'a tampered body',
        HUBSPOT_BODY.replace('Zürich', 'Zurich'),
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + path),
      ],
      [
        'another secret',
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + path, NOW, 'not-the-client-secret'),
      ],
      [
        'the URL the ingress forwarded instead of the public one',
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, `http://cache-api:3000${path}`),
      ],
      [
        'a timestamp over 5 minutes old',
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + path, NOW - 6 * 60_000),
      ],
      ['no signature', HUBSPOT_BODY, { 'content-type': 'application/json' }],
    ])('answers 401 to %s and produces nothing', async (_label, body, headers) => {
      const response = await post(path, body, headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
      expect(produced).toEqual([]);
      expect(await requests('bad_signature')).toBe(1);
    });

    it.each([
      ['no destination has the id', '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'],
      ['the destination is not a HubSpot one', REST_ID],
      ['the destination has no two-way mapping', ONE_WAY_ID],
      ['the destination has no webhook secret', NO_SECRET_ID],
    ])('answers 404 when %s, producing nothing', async (_label, id) => {
      const url = `/v1/webhooks/hubspot/${id}`;
      const response = await post(
        url,
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + url),
      );
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found' });
      expect(produced).toEqual([]);
      expect(await requests('unknown_destination')).toBe(1);
    });

    it('says so when webhooks are not configured for the destination', async () => {
      const url = `/v1/webhooks/hubspot/${NO_SECRET_ID}`;
      const response = await post(
        url,
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + url),
      );
      expect(response.json().message).toBe('webhooks not configured for this destination');
    });

    it('answers 503 when Kafka cannot take the hints, so HubSpot sends them again', async () => {
      kafkaDown = true;
      const response = await post(
        path,
        HUBSPOT_BODY,
        hubSpotHeaders(HUBSPOT_BODY, PUBLIC_URL + path),
      );
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'unavailable' });
      expect(await requests('unavailable')).toBe(1);
      expect(await requests('accepted')).toBe(0);
    });
  });

  describe('POST /v1/webhooks/rest/:destinationId', () => {
    const path = `/v1/webhooks/rest/${REST_ID}`;
    const body = JSON.stringify({
      records: [
        { externalId: 'ACME|42', object: 'shipments' },
        { externalId: 'ACME|43', object: 'shipments', deleted: true },
        { externalId: 'c-1', object: 'customers' },
      ],
    });
    const signed = (text: string, at = NOW, secret = REST_SECRET) => ({
      'content-type': 'application/json',
      ...signRestWebhook(secret, at, text),
    });

    it('turns signed records into hints of its two-way objects', async () => {
      const response = await post(path, body, signed(body));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ accepted: 2, dropped: 1, problems: [] });
      expect(produced.map((p) => [p.key, p.hint.object, p.hint.kind, p.hint.source])).toEqual([
        [`${REST_ID}/ACME|42`, 'shipments', 'change', 'webhook'],
        [`${REST_ID}/ACME|43`, 'shipments', 'deletion', 'webhook'],
      ]);
    });

    it("carries a changed record's state (a REST destination cannot be read back)", async () => {
      const withState = JSON.stringify({
        records: [
          {
            externalId: 'ACME|42',
            object: 'shipments',
            properties: { weight: '13.0', status: 'delivered' },
            modifiedAt: '2026-12-05T03:00:01.000Z',
          },
        ],
      });
      const response = await post(path, withState, signed(withState));
      expect(response.statusCode).toBe(200);
      expect(produced.map((p) => p.hint.state)).toEqual([
        {
          properties: { weight: '13.0', status: 'delivered' },
          modifiedAt: '2026-12-05T03:00:01.000Z',
        },
      ]);
      const halfState = JSON.stringify({
        records: [{ externalId: 'ACME|42', object: 'shipments', properties: { status: 'x' } }],
      });
      const refused = await post(path, halfState, signed(halfState));
      expect(refused.statusCode).toBe(400);
      expect(JSON.stringify(refused.json())).toContain('/records/0/modifiedAt');
    });

    it.each([
      ['a tampered body', body.replace('ACME|43', 'ACME|44'), signed(body)],
      ['another secret', body, signed(body, NOW, 'another-secret-0123456789')],
      ['a stale timestamp', body, signed(body, NOW - 6 * 60_000)],
      ['no signature', body, { 'content-type': 'application/json' }],
    ])('answers 401 to %s and produces nothing', async (_label, text, headers) => {
      const response = await post(path, text, headers);
      expect(response.statusCode).toBe(401);
      expect(produced).toEqual([]);
      expect(await requests('bad_signature')).toBe(1);
    });

    it('answers 404 for a destination it does not know', async () => {
      const url = '/v1/webhooks/rest/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
      const response = await post(url, body, signed(body));
      expect(response.statusCode).toBe(404);
      expect(produced).toEqual([]);
    });

    it('answers 400 naming the bad records of a signed body, producing none of it', async () => {
      const bad = JSON.stringify({
        records: [
          { externalId: 'ACME|42', object: 'shipments' },
          { externalId: 42, object: 'shipments' },
        ],
      });
      const response = await post(path, bad, signed(bad));
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([
        { path: '/records/1/externalId', message: 'must be a non-empty string' },
      ]);
      expect(produced).toEqual([]);
    });

    it('refuses more than 500 records', async () => {
      const many = JSON.stringify({
        records: Array.from({ length: 501 }, (_, i) => ({
          externalId: `ACME|${i}`,
          object: 'shipments',
        })),
      });
      const response = await post(path, many, signed(many));
      expect(response.statusCode).toBe(400);
      expect(produced).toEqual([]);
    });
  });
});
