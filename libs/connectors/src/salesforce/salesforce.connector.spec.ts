import type { MappedRecord } from '@syncline/mapping';
import { startSalesforceSim } from '../../../../apps/crm-sim/src';
import type { RunningSalesforceSim } from '../../../../apps/crm-sim/src';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import type { RemoteRecord } from '../types/remote-record.type';
import { SalesforceConnector } from './salesforce.connector';

const EXT = 'Syncline_Id__c';
const UPSERT_PATH = `/services/data/v62.0/composite/sobjects/Contact/${EXT}`;
const TOKEN_PATH = '/services/oauth2/token';

function contacts(count: number, prefix = 'c'): MappedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    identity: `${prefix}-${i}`,
    properties: { FirstName: `First ${i}`, LastName: `Last ${i}`, Score__c: i },
  }));
}

async function collect(pages: AsyncGenerator<RemoteRecord[]>): Promise<RemoteRecord[][]> {
  const all: RemoteRecord[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** Polls a condition that turns true asynchronously (bounded by the test's timeout). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function rejection(promise: Promise<unknown>): Promise<DeliveryException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryException) return error;
    throw error;
  }
  throw new Error('expected a DeliveryException');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(SalesforceConnector.name, () => {
  let sim: RunningSalesforceSim;
  let observations: RateLimitObservation[];
  let connector: SalesforceConnector;

  const calls = () => sim.state.calls().map((c) => [c.method, c.path, c.status]);

  beforeAll(async () => {
    sim = await startSalesforceSim({
      queryBatchSize: 50,
      customFields: {
        Contact: [
          { name: 'Score__c', type: 'double', precision: 18, scale: 0 },
          { name: 'Badge__c', type: 'string', length: 20, unique: true },
          { name: 'Tier__c', type: 'picklist', picklistValues: ['Gold', 'Silver'] },
          { name: 'Since__c', type: 'date' },
          { name: 'Syncline_Origin__c', type: 'string', length: 64 },
        ],
      },
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.state.reset();
    observations = [];
    connector = new SalesforceConnector(
      {
        clientId: 'syncline-sim',
        clientSecret: 'syncline-sim-secret',
        loginUrl: sim.url,
        listRetry: { initialDelayMs: 5, maxDelayMs: 50 },
      },
      { onRateLimit: (observation) => observations.push(observation) },
    );
  });

  describe('upsert', () => {
    it('authorizes by client credentials, then sends 450 records as 3 composite upserts', async () => {
      const results = await connector.upsert('Contact', EXT, contacts(450));

      expect(results).toHaveLength(450);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results[0]).toEqual({
        identity: 'c-0',
        ok: true,
        externalId: expect.stringMatching(/^003\w{15}$/),
      });
      expect(sim.state.calls().map((c) => [c.method, c.path, c.items, c.status])).toEqual([
        ['POST', TOKEN_PATH, 0, 200],
        ['PATCH', UPSERT_PATH, 200, 200],
        ['PATCH', UPSERT_PATH, 200, 200],
        ['PATCH', UPSERT_PATH, 50, 200],
      ]);
      const records = sim.state.records('Contact') ?? [];
      expect(records).toHaveLength(450);
      const c7 = records.find((r) => r[EXT] === 'c-7');
      expect(c7).toMatchObject({ FirstName: 'First 7', LastName: 'Last 7', Score__c: 7 });
      expect(c7?.Id).toBe(results[7].ok ? results[7].externalId : undefined);
    });

    it('updates by external ID on a second upsert', async () => {
      await connector.upsert('Contact', EXT, contacts(2));
      await connector.upsert('Contact', EXT, [
        { identity: 'c-1', properties: { LastName: 'Renamed', FirstName: null } },
      ]);

      const records = sim.state.records('Contact') ?? [];
      expect(records).toHaveLength(2);
      expect(records.find((r) => r[EXT] === 'c-1')).toMatchObject({
        LastName: 'Renamed',
        FirstName: null,
      });
    });

    it('fails DUPLICATE_VALUE and STRING_TOO_LONG items as permanent, the rest land', async () => {
      const records = contacts(4);
      records[1] = { identity: 'c-1', properties: { LastName: 'x'.repeat(300) } };
      records[2] = { identity: 'c-2', properties: { LastName: 'Two', Badge__c: 'B-1' } };
      records[3] = { identity: 'c-3', properties: { LastName: 'Three', Badge__c: 'B-1' } };

      const results = await connector.upsert('Contact', EXT, records);

      const verdicts = results.map((r) =>
        r.ok ? 'ok' : `${r.error.errorClass} ${r.error.details.crmCode}`,
      );
      expect(verdicts[0]).toBe('ok');
      expect(verdicts[1]).toBe('permanent STRING_TOO_LONG');
      // Which of two records claiming one unique value wins is the CRM's call; exactly one does.
      expect(verdicts.slice(2).sort()).toEqual(['ok', 'permanent DUPLICATE_VALUE']);
      expect(sim.state.calls().filter((c) => c.method === 'PATCH')).toHaveLength(1);
    });

    it('reports an injected UNABLE_TO_LOCK_ROW as transient, and the retry succeeds', async () => {
      sim.state.setFaults({
        recordErrors: [
          { objectType: 'Contact', field: EXT, in: ['c-1'], code: 'UNABLE_TO_LOCK_ROW', times: 1 },
        ],
      });

      const first = await connector.upsert('Contact', EXT, contacts(3));
      const failed = first.filter((r) => !r.ok);
      const retried = await connector.upsert(
        'Contact',
        EXT,
        contacts(3).filter((r) => failed.some((f) => f.identity === r.identity)),
      );

      expect(first.map((r) => (r.ok ? 'ok' : r.error.errorClass))).toEqual([
        'ok',
        'transient',
        'ok',
      ]);
      expect(retried).toEqual([{ identity: 'c-1', ok: true, externalId: expect.any(String) }]);
    });

    it('fails the whole call as permanent on an unknown field (INVALID_FIELD)', async () => {
      const error = await rejection(
        connector.upsert('Contact', EXT, [
          { identity: 'c-1', properties: { LastName: 'L', Nope__c: 1 } },
        ]),
      );
      expect(error.errorClass).toBe('permanent');
      expect(error.details).toMatchObject({ status: 400, crmCode: 'INVALID_FIELD' });
    });

    it('fails a record without identity without sending it', async () => {
      const results = await connector.upsert('Contact', EXT, [
        { identity: '', properties: { LastName: 'Nobody' } },
        { identity: 'c-1', properties: { LastName: 'One' } },
      ]);
      expect(results.map((r) => r.ok)).toEqual([false, true]);
      expect(
        sim.state
          .calls()
          .filter((c) => c.method === 'PATCH')
          .map((c) => c.items),
      ).toEqual([1]);
    });
  });

  describe('archive', () => {
    it('resolves identities by SOQL and deletes by id; unknown identities succeed', async () => {
      await connector.upsert('Contact', EXT, contacts(3));
      const before = sim.state.calls().length;

      const results = await connector.archive('Contact', EXT, ['c-0', 'C-2', 'ghost']);

      expect(results).toEqual([
        { identity: 'c-0', ok: true },
        { identity: 'C-2', ok: true },
        { identity: 'ghost', ok: true },
      ]);
      expect(
        sim.state
          .calls()
          .slice(before)
          .map((c) => [c.method, c.path, c.items]),
      ).toEqual([
        ['GET', '/services/data/v62.0/query', 2],
        ['DELETE', '/services/data/v62.0/composite/sobjects', 2],
      ]);
      const deleted = (sim.state.records('Contact') ?? [])
        .filter((r) => r.IsDeleted)
        .map((r) => r[EXT]);
      expect(deleted.sort()).toEqual(['c-0', 'c-2']);
    });
  });

  describe('whole-call failures', () => {
    it('classifies REQUEST_LIMIT_EXCEEDED (daily API allowance) as rate_limited daily', async () => {
      await connector.upsert('Contact', EXT, contacts(1));
      sim.state.setLimits({ dailyApiRequests: 10, apiUsage: 10 });

      const error = await rejection(connector.upsert('Contact', EXT, contacts(1)));

      expect(error.errorClass).toBe('rate_limited');
      expect(error.details).toMatchObject({
        status: 403,
        crmCode: 'REQUEST_LIMIT_EXCEEDED',
        policy: 'daily',
      });
    });

    it('classifies REQUEST_LIMIT_EXCEEDED over the concurrency cap as rate_limited interval', async () => {
      await connector.describe('Contact');
      sim.state.setLimits({ maxConcurrent: 1 });
      sim.state.setFaults({ latencyMs: 300 });

      const outcomes = await Promise.allSettled([
        connector.describe('Contact'),
        connector.describe('Contact'),
      ]);

      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected).toHaveLength(1);
      const error = rejected[0].reason as DeliveryException;
      expect(error.errorClass).toBe('rate_limited');
      expect(error.details).toMatchObject({
        status: 403,
        crmCode: 'REQUEST_LIMIT_EXCEEDED',
        policy: 'interval',
      });
    });

    it('turns an outage into transient without jsforce retrying the GET', async () => {
      await connector.describe('Contact');
      const before = sim.state.calls().length;
      sim.state.setFaults({ outageMs: 10_000 });

      const error = await rejection(connector.describe('Contact'));

      expect(error.errorClass).toBe('transient');
      expect(error.details).toMatchObject({ status: 503, crmCode: 'SERVER_UNAVAILABLE' });
      expect(sim.state.calls().length - before).toBe(1);
    });

    it('turns a connection reset into transient', async () => {
      await connector.describe('Contact');
      sim.state.setFaults({ outageMs: 10_000, outageMode: 'reset' });

      const error = await rejection(connector.upsert('Contact', EXT, contacts(1)));

      expect(error.errorClass).toBe('transient');
    });

    it('times out a slow call as transient (and aborts it)', async () => {
      const slow = new SalesforceConnector({
        accessToken: sim.state.issueToken(),
        instanceUrl: sim.url,
        timeoutMs: 100,
      });
      // Far past the 100 ms deadline: only the deadline can end the call.
      sim.state.setFaults({ latencyMs: 5_000 });
      const before = sim.state.calls().length;

      const error = await rejection(slow.describe('Contact'));

      expect(error.errorClass).toBe('transient');
      expect(error.message).toMatch(/timed out/);
      // Aborted: the sim saw the connection close before it answered (status 0 in its call log).
      await waitFor(() => sim.state.calls().length > before);
      expect(sim.state.calls().slice(before)).toEqual([expect.objectContaining({ status: 0 })]);
    });
  });

  describe('authorization', () => {
    it('re-authorizes once when the session expires and repeats the call', async () => {
      await connector.describe('Contact');
      sim.state.expireSessions();
      const before = sim.state.calls().length;

      const properties = await connector.describe('Contact');

      expect(properties.length).toBeGreaterThan(0);
      expect(
        sim.state
          .calls()
          .slice(before)
          .map((c) => [c.method, c.path, c.status]),
      ).toEqual([
        ['GET', '/services/data/v62.0/sobjects/Contact/describe', 401],
        ['POST', TOKEN_PATH, 200],
        ['GET', '/services/data/v62.0/sobjects/Contact/describe', 200],
      ]);
    });

    it('fails wrong client credentials as permanent, without leaking the secret', async () => {
      const wrong = new SalesforceConnector({
        clientId: 'syncline-sim',
        clientSecret: 'not-the-secret-42',
        loginUrl: sim.url,
      });

      const error = await rejection(wrong.describe('Contact'));

      expect(error.errorClass).toBe('permanent');
      expect(error.message).toMatch(/OAuth token/);
      expect(error.message).not.toContain('not-the-secret-42');
      expect(calls()).toEqual([['POST', TOKEN_PATH, 400]]);
    });

    it('treats a rejected static token as transient once, then permanent', async () => {
      const stale = new SalesforceConnector({ accessToken: 'stale-token', instanceUrl: sim.url });

      const first = await rejection(stale.describe('Contact'));
      const second = await rejection(stale.describe('Contact'));

      expect([first.errorClass, second.errorClass]).toEqual(['transient', 'permanent']);
      expect(first.details).toMatchObject({ status: 401, crmCode: 'INVALID_SESSION_ID' });
    });

    it('works with a static access token and instance URL', async () => {
      const direct = new SalesforceConnector({
        accessToken: sim.state.issueToken(),
        instanceUrl: sim.url,
      });
      const results = await direct.upsert('Contact', EXT, contacts(2));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(sim.state.calls().map((c) => c.path)).toEqual([UPSERT_PATH]);
    });
  });

  it('reports API usage from Sforce-Limit-Info (conn.limitInfo) after every call', async () => {
    await connector.upsert('Contact', EXT, contacts(2));
    await connector.describe('Contact');

    expect(observations).toEqual([
      { dailyMax: 100_000, dailyRemaining: 99_999 },
      { dailyMax: 100_000, dailyRemaining: 99_998 },
    ]);
  });

  it('describes fields with mapped types, lengths, options, unique, required, read-only', async () => {
    const fields = await connector.describe('Contact');
    const byName = new Map(fields.map((f) => [f.name, f]));

    expect(byName.get('Id')).toEqual({ name: 'Id', type: 'id', readOnly: true });
    expect(byName.get('LastName')).toEqual({
      name: 'LastName',
      type: 'string',
      maxLength: 80,
      required: true,
    });
    expect(byName.get('Email')).toEqual({ name: 'Email', type: 'string', maxLength: 80 });
    expect(byName.get('Phone')).toMatchObject({ type: 'string', maxLength: 40 });
    expect(byName.get('Description')).toMatchObject({ type: 'string', maxLength: 32000 });
    expect(byName.get('Score__c')).toEqual({ name: 'Score__c', type: 'number' });
    expect(byName.get('Badge__c')).toEqual({
      name: 'Badge__c',
      type: 'string',
      maxLength: 20,
      unique: true,
    });
    expect(byName.get('Tier__c')).toEqual({
      name: 'Tier__c',
      type: 'enumeration',
      options: ['Gold', 'Silver'],
    });
    expect(byName.get('Since__c')).toEqual({ name: 'Since__c', type: 'date' });
    expect(byName.get('HasOptedOutOfEmail')?.type).toBe('boolean');
    expect(byName.get('AccountId')?.type).toBe('reference');
    expect(byName.get('SystemModstamp')).toMatchObject({ type: 'datetime', readOnly: true });
    expect(byName.get(EXT)).toMatchObject({ type: 'string', unique: true });
  });

  it('reads by identity with SOQL IN; absent identities are missing', async () => {
    await connector.upsert('Contact', EXT, contacts(250));
    const before = sim.state.calls().length;
    const wanted = [...contacts(250).map((c) => c.identity), "o'brien", 'nope'];

    const records = await connector.readByIdentity('Contact', EXT, wanted, [
      'LastName',
      'Score__c',
    ]);

    expect(records).toHaveLength(250);
    expect(records.find((r) => r.identity === 'c-3')).toEqual({
      externalId: expect.stringMatching(/^003/),
      identity: 'c-3',
      properties: { LastName: 'Last 3', Score__c: 3 },
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    const queries = sim.state
      .calls()
      .slice(before)
      .map((c) => c.path);
    // 252 identities: IN lists of 200 and 52; the sim answers in pages of 50, so the first
    // list's 200 records take 3 queryMore calls, the second's 50 records one page.
    expect(queries.filter((p) => p === '/services/data/v62.0/query')).toHaveLength(2);
    expect(queries.filter((p) => p.startsWith('/services/data/v62.0/query/'))).toHaveLength(3);
  });

  describe('listAll', () => {
    it('pages through everything with queryMore', async () => {
      await connector.upsert('Contact', EXT, contacts(120));

      const pages = await collect(connector.listAll('Contact', EXT, ['LastName']));

      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(new Set(pages.flat().map((r) => r.identity)).size).toBe(120);
    });

    it('returns only records modified since, ordered by SystemModstamp', async () => {
      await connector.upsert('Contact', EXT, contacts(20, 'old'));
      await sleep(1100); // SOQL datetimes have whole seconds
      const since = new Date();
      await connector.upsert('Contact', EXT, contacts(70, 'new'));
      const before = sim.state.calls().length;

      const pages = await collect(connector.listAll('Contact', EXT, ['FirstName'], since));

      const records = pages.flat();
      expect(pages.length).toBeGreaterThan(1);
      expect(records).toHaveLength(70);
      expect(records.every((r) => r.identity?.startsWith('new-'))).toBe(true);
      const stamps = records.map((r) => r.lastModified);
      expect([...stamps].sort()).toEqual(stamps);
      const first = sim.state.calls()[before];
      expect(decodeURIComponent(first.query)).toContain(
        `WHERE SystemModstamp >= ${since.toISOString().slice(0, 19)}Z ORDER BY SystemModstamp, Id`,
      );
    });
  });

  describe('ownership marker', () => {
    const marked = (value: string) =>
      new SalesforceConnector({
        clientId: 'syncline-sim',
        clientSecret: 'syncline-sim-secret',
        loginUrl: sim.url,
        originProperty: 'Syncline_Origin__c',
        originValue: value,
      });

    it('writes the marker on every upsert, reads it back, and lists only the records carrying it', async () => {
      const mine = marked('destination-1');
      await mine.upsert('Contact', EXT, contacts(3, 'mine'));
      await connector.upsert('Contact', EXT, contacts(2, 'theirs'));
      await marked("o'ther").upsert('Contact', EXT, contacts(2, 'other'));

      expect(
        sim.state.records('Contact')?.filter((r) => r.Syncline_Origin__c === 'destination-1'),
      ).toHaveLength(3);
      const read = await mine.readByIdentity(
        'Contact',
        EXT,
        ['mine-0', 'theirs-0', 'other-0'],
        ['LastName'],
      );
      expect(Object.fromEntries(read.map((r) => [r.identity, r.origin]))).toEqual({
        'mine-0': 'destination-1',
        'theirs-0': null,
        'other-0': "o'ther",
      });
      const listed = (await collect(mine.listOwned('Contact', EXT, []))).flat();
      expect(listed.map((r) => r.identity).sort()).toEqual(['mine-0', 'mine-1', 'mine-2']);
      expect((await collect(marked("o'ther").listOwned('Contact', EXT, []))).flat()).toHaveLength(
        2,
      );
    });
  });
});
