import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MappedRecord } from '@syncline/mapping';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import type { RemoteRecord } from '../types/remote-record.type';
import { RestConnector } from './rest.connector';
import type { RestConnectorOptions } from './types/rest-connector-options.type';

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Handler = (request: SeenRequest, response: ServerResponse) => void;

const TOKEN = 'rest-secret-token-99';

async function rejection(promise: Promise<unknown>): Promise<DeliveryException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryException) return error;
    throw error;
  }
  throw new Error('expected a DeliveryException');
}

async function collect(pages: AsyncGenerator<RemoteRecord[]>): Promise<RemoteRecord[][]> {
  const all: RemoteRecord[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

function json(response: ServerResponse, status: number, body?: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

describe(RestConnector.name, () => {
  let server: Server;
  let baseUrl: string;
  let seen: SeenRequest[];
  let handler: Handler;
  let observations: RateLimitObservation[];
  const timers: NodeJS.Timeout[] = [];

  const connector = (options: Partial<RestConnectorOptions> = {}) =>
    new RestConnector(
      {
        baseUrl,
        pathTemplate: '/v1/{object}/{identity}',
        authToken: TOKEN,
        payloadTemplate: { $identity: 'id', email: 'contact.email', name: 'contact.name' },
        headers: { 'x-tenant': 't1' },
        ...options,
      },
      { onRateLimit: (observation) => observations.push(observation) },
    );

  const records: MappedRecord[] = [
    { identity: 'a/1', properties: { email: 'a@x.io', name: 'A', ignored: true } },
    { identity: 'b-2', properties: { email: 'b@x.io', name: 'B' } },
  ];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const entry: SeenRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        };
        seen.push(entry);
        handler(entry, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    timers.forEach((timer) => clearTimeout(timer));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    observations = [];
    handler = (_request, response) =>
      json(
        response,
        200,
        { ok: true },
        { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '42' },
      );
  });

  describe('upsert', () => {
    it('sends one call per record with the bearer token, headers and the payload template', async () => {
      const results = await connector().upsert('contacts', 'email', records);

      expect(results).toEqual([
        { identity: 'a/1', ok: true },
        { identity: 'b-2', ok: true },
      ]);
      expect(seen.map((r) => [r.method, r.url])).toEqual([
        ['PUT', '/v1/contacts/a%2F1'],
        ['PUT', '/v1/contacts/b-2'],
      ]);
      expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(seen[0].headers['x-tenant']).toBe('t1');
      expect(seen[0].headers['content-type']).toBe('application/json');
      expect(seen[0].body).toEqual({ id: 'a/1', contact: { email: 'a@x.io', name: 'A' } });
      expect(observations).toEqual([
        { intervalMax: 100, intervalRemaining: 42 },
        { intervalMax: 100, intervalRemaining: 42 },
      ]);
    });

    it("sends the properties as they are with the 'properties' template and the method asked", async () => {
      await connector({ payloadTemplate: 'properties', method: 'POST' }).upsert(
        'contacts',
        'email',
        records.slice(0, 1),
      );
      expect(seen[0].method).toBe('POST');
      expect(seen[0].body).toEqual({ email: 'a@x.io', name: 'A', ignored: true });
    });

    it('takes the external id from the answer when externalIdPath is set', async () => {
      handler = (_request, response) => json(response, 201, { data: { id: 987 } });
      const results = await connector({ externalIdPath: 'data.id' }).upsert(
        'contacts',
        'email',
        records.slice(0, 1),
      );
      expect(results).toEqual([{ identity: 'a/1', ok: true, externalId: '987' }]);
    });

    it('fails a 400 record as permanent and carries on with the next', async () => {
      handler = (request, response) =>
        request.url.includes('a%2F1')
          ? json(response, 400, { error: 'email invalid' })
          : json(response, 200, {});

      const results = await connector().upsert('contacts', 'email', records);

      expect(results[1]).toEqual({ identity: 'b-2', ok: true });
      expect(results[0].ok).toBe(false);
      if (results[0].ok) return;
      expect(results[0].error.errorClass).toBe('permanent');
      expect(results[0].error.details.status).toBe(400);
      expect(results[0].error.message).toContain('email invalid');
      expect(results[0].error.message).not.toContain(TOKEN);
    });

    it('throws a 500 on the first record as a transient whole-call failure', async () => {
      handler = (_request, response) => json(response, 500, { error: 'boom' });

      const error = await rejection(connector().upsert('contacts', 'email', records));

      expect(error.errorClass).toBe('transient');
      expect(error.details.status).toBe(500);
      expect(seen).toHaveLength(1);
    });

    it('keeps records already sent ok when a later one hits a 5xx, failing the rest', async () => {
      handler = (request, response) =>
        request.url.includes('b-2') ? json(response, 503, {}) : json(response, 200, {});
      const three = [...records, { identity: 'c-3', properties: { email: 'c@x.io' } }];

      const results = await connector().upsert('contacts', 'email', three);

      expect(results.map((r) => (r.ok ? 'ok' : r.error.errorClass))).toEqual([
        'ok',
        'transient',
        'transient',
      ]);
      expect(seen).toHaveLength(2);
    });

    it('turns a 429 into rate_limited with Retry-After', async () => {
      handler = (_request, response) => json(response, 429, {}, { 'retry-after': '7' });

      const error = await rejection(connector().upsert('contacts', 'email', records));

      expect(error.errorClass).toBe('rate_limited');
      expect(error.details).toMatchObject({ status: 429, retryAfterMs: 7000, policy: 'interval' });
    });

    it('treats 401 as transient once, then permanent', async () => {
      handler = (_request, response) => json(response, 401, { error: 'bad token' });
      const rest = connector();

      const first = await rejection(rest.upsert('contacts', 'email', records.slice(0, 1)));
      const second = await rejection(rest.upsert('contacts', 'email', records.slice(0, 1)));

      expect([first.errorClass, second.errorClass]).toEqual(['transient', 'permanent']);
    });

    it('times out a slow destination as transient', async () => {
      handler = (_request, response) => {
        timers.push(setTimeout(() => json(response, 200, {}), 500));
      };

      const error = await rejection(
        connector({ timeoutMs: 50 }).upsert('contacts', 'email', records.slice(0, 1)),
      );

      expect(error.errorClass).toBe('transient');
      expect(error.message).toMatch(/timed out/);
    });

    it('turns an unreachable destination into transient', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));

      const error = await rejection(
        connector({ baseUrl: `http://127.0.0.1:${port}` }).upsert('contacts', 'email', records),
      );

      expect(error.errorClass).toBe('transient');
      expect(error.message).toMatch(/network error/);
    });

    it('sends a batch in one call to a bulk endpoint', async () => {
      const bulk = connector({
        bulk: { path: '/v1/{object}/bulk', itemsKey: 'items', maxBatchSize: 50 },
      });

      const results = await bulk.upsert('contacts', 'email', records);

      expect(bulk.maxBatchSize).toBe(50);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(seen.map((r) => [r.method, r.url])).toEqual([['PUT', '/v1/contacts/bulk']]);
      expect(seen[0].body).toEqual({
        items: [
          { id: 'a/1', contact: { email: 'a@x.io', name: 'A' } },
          { id: 'b-2', contact: { email: 'b@x.io', name: 'B' } },
        ],
      });
    });
  });

  describe('archive', () => {
    it('deletes per identity; 404 counts as done', async () => {
      handler = (request, response) =>
        request.url.endsWith('ghost') ? json(response, 404, {}) : json(response, 204);

      const results = await connector({
        deletePathTemplate: '/v1/{object}/{identity}/delete',
      }).archive('contacts', 'email', ['a/1', 'ghost']);

      expect(results).toEqual([
        { identity: 'a/1', ok: true },
        { identity: 'ghost', ok: true },
      ]);
      expect(seen.map((r) => [r.method, r.url])).toEqual([
        ['DELETE', '/v1/contacts/a%2F1/delete'],
        ['DELETE', '/v1/contacts/ghost/delete'],
      ]);
    });
  });

  describe('read side', () => {
    it('reads by identity with GET; 404 is missing; the template is applied backwards', async () => {
      handler = (request, response) =>
        request.url.endsWith('b-2')
          ? json(response, 404, { error: 'not found' })
          : json(
              response,
              200,
              { id: 'a/1', contact: { email: 'a@x.io', name: 'A' } },
              { 'last-modified': 'Wed, 01 Jan 2025 10:00:00 GMT' },
            );

      const found = await connector().readByIdentity(
        'contacts',
        'email',
        ['a/1', 'b-2'],
        ['email', 'name', 'phone'],
      );

      expect(seen.map((r) => [r.method, r.url])).toEqual([
        ['GET', '/v1/contacts/a%2F1'],
        ['GET', '/v1/contacts/b-2'],
      ]);
      expect(seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(found).toEqual([
        {
          externalId: 'a/1',
          identity: 'a/1',
          properties: { email: 'a@x.io', name: 'A', phone: null },
          lastModified: '2025-01-01T10:00:00.000Z',
        },
      ]);
    });

    it('fails a read with 500 as transient', async () => {
      handler = (_request, response) => json(response, 500, {});
      const error = await rejection(connector().readByIdentity('contacts', 'email', ['a/1'], []));
      expect(error.errorClass).toBe('transient');
    });

    it('cannot list without a list endpoint: a clear permanent error', async () => {
      const error = await rejection(collect(connector().listAll('contacts', 'email', [])));
      expect(error.errorClass).toBe('permanent');
      expect(error.message).toMatch(/configure options.list/);
      expect(seen).toHaveLength(0);
    });

    it('lists pages by cursor and passes `since` when a list endpoint is configured', async () => {
      handler = (request, response) => {
        const url = new URL(request.url, 'http://x');
        const page = url.searchParams.get('cursor') === 'p2' ? 2 : 1;
        json(response, 200, {
          items: [{ id: `r${page}`, contact: { email: `${page}@x.io`, name: `N${page}` } }],
          next: page === 1 ? 'p2' : null,
        });
      };
      const since = new Date('2025-02-03T04:05:06.000Z');

      const pages = await collect(
        connector({ list: { path: '/v1/{object}?limit=100' } }).listAll(
          'contacts',
          'email',
          ['email'],
          since,
        ),
      );

      expect(pages.map((p) => p.map((r) => [r.identity, r.properties.email]))).toEqual([
        [['r1', '1@x.io']],
        [['r2', '2@x.io']],
      ]);
      expect(seen.map((r) => r.url)).toEqual([
        '/v1/contacts?limit=100&since=2025-02-03T04%3A05%3A06.000Z',
        '/v1/contacts?limit=100&since=2025-02-03T04%3A05%3A06.000Z&cursor=p2',
      ]);
    });

    it('describes the configured properties, or none', async () => {
      expect(await connector().describe()).toEqual([]);
      const properties = [{ name: 'email', type: 'string' as const, required: true }];
      expect(await connector({ properties }).describe()).toEqual(properties);
    });
  });
});
