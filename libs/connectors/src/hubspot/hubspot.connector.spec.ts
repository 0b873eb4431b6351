import type { MappedRecord } from '@syncline/mapping';
import { startHubSpotSim } from '../../../../apps/crm-sim/src';
import type { RunningHubSpotSim } from '../../../../apps/crm-sim/src';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import type { RemoteRecord } from '../types/remote-record.type';
import { HubSpotConnector } from './hubspot.connector';

const UPSERT_PATH = '/crm/v3/objects/contacts/batch/upsert';

function contacts(count: number, prefix = 'c'): MappedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    identity: `${prefix}-${i}`,
    properties: { firstname: `First ${i}`, lastname: `Last ${i}`, score: i, vip: i % 2 === 0 },
  }));
}

async function collect(pages: AsyncGenerator<RemoteRecord[]>): Promise<RemoteRecord[][]> {
  const all: RemoteRecord[][] = [];
  for await (const page of pages) all.push(page);
  return all;
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

describe(HubSpotConnector.name, () => {
  let sim: RunningHubSpotSim;
  let observations: RateLimitObservation[];
  let connector: HubSpotConnector;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      accessTokens: ['good-token'],
      limits: { searchPerSecond: 10_000 },
      properties: {
        contacts: [
          { name: 'syncline_id', type: 'string', hasUniqueValue: true },
          { name: 'score', type: 'number' },
          { name: 'vip', type: 'bool' },
          { name: 'birthday', type: 'date' },
          { name: 'tier', type: 'enumeration', options: ['gold', 'silver'] },
          { name: 'computed', type: 'string', readOnlyValue: true },
          { name: 'syncline_origin', type: 'string' },
        ],
        p_stock_levels: [
          { name: 'syncline_key', type: 'string', hasUniqueValue: true },
          { name: 'on_hand', type: 'number' },
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
    connector = new HubSpotConnector(
      {
        accessToken: 'good-token',
        basePath: sim.url,
        listRetry: { initialDelayMs: 5, maxDelayMs: 50 },
      },
      { onRateLimit: (observation) => observations.push(observation) },
    );
  });

  describe('upsert', () => {
    it('sends 250 records as 3 batch upserts of at most 100 by idProperty, and they land', async () => {
      const results = await connector.upsert('contacts', 'syncline_id', contacts(250));

      expect(results).toHaveLength(250);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results[7]).toEqual({ identity: 'c-7', ok: true, externalId: expect.any(String) });
      const calls = sim.state.calls();
      expect(calls.map((c) => [c.method, c.path, c.items, c.status])).toEqual([
        ['POST', UPSERT_PATH, 100, 200],
        ['POST', UPSERT_PATH, 100, 200],
        ['POST', UPSERT_PATH, 50, 200],
      ]);
      const records = sim.state.records('contacts');
      expect(records).toHaveLength(250);
      const c7 = records.find((r) => r.properties.syncline_id === 'c-7');
      expect(c7?.properties).toMatchObject({
        firstname: 'First 7',
        lastname: 'Last 7',
        score: '7',
        vip: 'false',
      });
      expect(c7?.id).toBe(results[7].ok ? results[7].externalId : undefined);
    });

    it('updates by identity on a second upsert instead of creating duplicates', async () => {
      await connector.upsert('contacts', 'syncline_id', contacts(3));
      const again = await connector.upsert('contacts', 'syncline_id', [
        { identity: 'C-1', properties: { firstname: 'Renamed', score: null } },
      ]);

      expect(again).toEqual([{ identity: 'C-1', ok: true, externalId: expect.any(String) }]);
      const records = sim.state.records('contacts');
      expect(records).toHaveLength(3);
      const c1 = records.find((r) => r.properties.syncline_id?.toLowerCase() === 'c-1');
      expect(c1?.properties.firstname).toBe('Renamed');
    });

    it('fails exactly the invalid item of a 207 as permanent, the rest are ok', async () => {
      const records = contacts(5);
      records[2] = { identity: 'c-2', properties: { firstname: 'X', no_such_property: 'y' } };

      const results = await connector.upsert('contacts', 'syncline_id', records);

      expect(sim.state.calls().map((c) => c.status)).toEqual([207]);
      const failed = results.filter((r) => !r.ok);
      expect(failed).toHaveLength(1);
      expect(failed[0].identity).toBe('c-2');
      if (failed[0].ok) throw new Error('unreachable');
      expect(failed[0].error).toBeInstanceOf(DeliveryException);
      expect(failed[0].error.errorClass).toBe('permanent');
      expect(failed[0].error.details.crmCode).toBe('PROPERTY_DOESNT_EXIST');
      expect(results.filter((r) => r.ok).map((r) => r.identity)).toEqual([
        'c-0',
        'c-1',
        'c-3',
        'c-4',
      ]);
      expect(sim.state.records('contacts')).toHaveLength(4);
    });

    it('reports an injected per-record UNABLE_TO_LOCK_ROW as a transient item failure', async () => {
      sim.state.setFaults({
        recordErrors: [{ field: 'syncline_id', equals: 'c-1', code: 'UNABLE_TO_LOCK_ROW' }],
      });

      const results = await connector.upsert('contacts', 'syncline_id', contacts(3));

      expect(results.map((r) => (r.ok ? 'ok' : r.error.errorClass))).toEqual([
        'ok',
        'transient',
        'ok',
      ]);
    });

    it('splits a batch that names one record twice, keeping both versions in order', async () => {
      const results = await connector.upsert('contacts', 'syncline_id', [
        { identity: 'dup', properties: { firstname: 'Old' } },
        { identity: 'other', properties: { firstname: 'Other' } },
        { identity: 'DUP', properties: { firstname: 'New' } },
      ]);

      expect(results.every((r) => r.ok)).toBe(true);
      expect(sim.state.calls().map((c) => c.items)).toEqual([2, 1]);
      const dup = sim.state
        .records('contacts')
        .find((r) => r.properties.syncline_id?.toLowerCase() === 'dup');
      expect(dup?.properties.firstname).toBe('New');
    });

    it('fails a record without identity without sending it', async () => {
      const results = await connector.upsert('contacts', 'syncline_id', [
        { identity: '', properties: { firstname: 'Nobody' } },
        { identity: 'c-1', properties: { firstname: 'One' } },
      ]);

      expect(results[0]).toMatchObject({ identity: '', ok: false });
      expect(results[1]).toMatchObject({ identity: 'c-1', ok: true });
      expect(sim.state.calls().map((c) => c.items)).toEqual([1]);
    });
  });

  describe('archive', () => {
    it('removes records by identity, unknown identities succeed', async () => {
      await connector.upsert('contacts', 'syncline_id', contacts(3));
      const before = sim.state.calls().length;

      const results = await connector.archive('contacts', 'syncline_id', ['c-0', 'c-2', 'ghost']);

      expect(results).toEqual([
        { identity: 'c-0', ok: true },
        { identity: 'c-2', ok: true },
        { identity: 'ghost', ok: true },
      ]);
      const calls = sim.state.calls().slice(before);
      expect(calls.map((c) => [c.path, c.items])).toEqual([
        ['/crm/v3/objects/contacts/batch/read', 3],
        ['/crm/v3/objects/contacts/batch/archive', 2],
      ]);
      const archived = sim.state
        .records('contacts')
        .filter((r) => r.archived)
        .map((r) => r.properties.syncline_id);
      expect(archived.sort()).toEqual(['c-0', 'c-2']);
      const left = await connector.readByIdentity('contacts', 'syncline_id', ['c-0', 'c-1'], []);
      expect(left.map((r) => r.identity)).toEqual(['c-1']);
    });

    it('makes no archive call when no identity exists', async () => {
      const results = await connector.archive('contacts', 'syncline_id', ['x', 'y']);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(sim.state.calls().map((c) => c.path)).toEqual(['/crm/v3/objects/contacts/batch/read']);
    });
  });

  describe('whole-call failures', () => {
    it('turns a 429 storm into rate_limited with Retry-After and policy, without client retries', async () => {
      sim.state.setFaults({ throttleMs: 10_000, throttleRetryAfterSeconds: 2 });

      const error = await rejection(connector.upsert('contacts', 'syncline_id', contacts(3)));

      expect(error.errorClass).toBe('rate_limited');
      expect(error.retriable).toBe(true);
      expect(error.details).toMatchObject({
        status: 429,
        retryAfterMs: 2000,
        policy: 'interval',
        crmCode: 'RATE_LIMITS',
      });
      expect(sim.state.calls()).toHaveLength(1);
    });

    it('classifies the daily limit as policy daily', async () => {
      const limits = sim.state.getLimits();
      sim.state.setLimits({ daily: 1, dailyUsed: limits.daily });

      const error = await rejection(connector.upsert('contacts', 'syncline_id', contacts(1)));

      expect(error.errorClass).toBe('rate_limited');
      expect(error.details.policy).toBe('daily');
      expect(error.details.retryAfterMs).toBeGreaterThan(0);
    });

    it('turns an outage (503) into transient', async () => {
      sim.state.setFaults({ outageMs: 10_000 });

      const error = await rejection(connector.upsert('contacts', 'syncline_id', contacts(2)));

      expect(error.errorClass).toBe('transient');
      expect(error.details.status).toBe(503);
      expect(sim.state.calls()).toHaveLength(1);
    });

    it('turns a connection reset into transient', async () => {
      sim.state.setFaults({ outageMs: 10_000, outageMode: 'reset' });

      const error = await rejection(connector.describe('contacts'));

      expect(error.errorClass).toBe('transient');
      expect(error.details.status).toBeUndefined();
    });

    it('times out a slow call as transient', async () => {
      const slow = new HubSpotConnector({
        accessToken: 'good-token',
        basePath: sim.url,
        timeoutMs: 50,
      });
      sim.state.setFaults({ latencyMs: 500 });

      const error = await rejection(slow.upsert('contacts', 'syncline_id', contacts(1)));

      expect(error.errorClass).toBe('transient');
      expect(error.message).toMatch(/timed out/);
      // The sim still applies the abandoned upsert once its latency has passed: let it land here,
      // not in a later test's `listAll(since)` window.
      for (
        let waited = 0;
        sim.state.records('contacts').length === 0 && waited < 5000;
        waited += 20
      )
        await sleep(20);
      expect(sim.state.records('contacts').map((r) => r.properties.syncline_id)).toEqual(['c-0']);
    });

    it('treats a rejected token as transient once, then permanent', async () => {
      const wrong = new HubSpotConnector({ accessToken: 'tok-SECRET-123', basePath: sim.url });

      const first = await rejection(wrong.describe('contacts'));
      const second = await rejection(wrong.describe('contacts'));

      expect([first.errorClass, second.errorClass]).toEqual(['transient', 'permanent']);
      expect(first.details.status).toBe(401);
      expect(first.message).not.toContain('tok-SECRET-123');
    });

    it('fails the whole call as permanent for a non-unique idProperty', async () => {
      const error = await rejection(connector.upsert('contacts', 'firstname', contacts(2)));
      expect(error.errorClass).toBe('permanent');
      expect(error.details.status).toBe(400);
    });
  });

  it('reports rate-limit headers of every response, failures included', async () => {
    await connector.upsert('contacts', 'syncline_id', contacts(3));
    expect(observations).toHaveLength(1);
    expect(observations[0]).toEqual({
      intervalMax: 190,
      intervalRemaining: expect.any(Number),
      intervalMs: 10_000,
      dailyMax: 625_000,
      dailyRemaining: expect.any(Number),
    });
    expect(observations[0].intervalRemaining).toBeLessThan(190);

    sim.state.setFaults({ throttleMs: 10_000 });
    await expect(connector.describe('contacts')).rejects.toBeInstanceOf(DeliveryException);
    expect(observations).toHaveLength(2);
    expect(observations[1].intervalRemaining).toBe(0);
  });

  it('keeps delivering when the rate-limit hook throws', async () => {
    const noisy = new HubSpotConnector(
      { accessToken: 'good-token', basePath: sim.url },
      {
        onRateLimit: () => {
          throw new Error('limiter bug');
        },
      },
    );
    const results = await noisy.upsert('contacts', 'syncline_id', contacts(1));
    expect(results[0].ok).toBe(true);
  });

  it('describes properties with mapped types, options, unique and read-only', async () => {
    const properties = await connector.describe('contacts');
    const byName = new Map(properties.map((p) => [p.name, p]));

    expect(byName.get('syncline_id')).toEqual({
      name: 'syncline_id',
      type: 'string',
      unique: true,
    });
    expect(byName.get('score')).toEqual({ name: 'score', type: 'number' });
    expect(byName.get('vip')).toEqual({ name: 'vip', type: 'boolean' });
    expect(byName.get('birthday')).toEqual({ name: 'birthday', type: 'date' });
    expect(byName.get('createdate')).toEqual({
      name: 'createdate',
      type: 'datetime',
      readOnly: true,
    });
    expect(byName.get('tier')).toEqual({
      name: 'tier',
      type: 'enumeration',
      options: ['gold', 'silver'],
    });
    expect(byName.get('computed')?.readOnly).toBe(true);
    expect(sim.state.calls().map((c) => [c.method, c.path])).toEqual([
      ['GET', '/crm/v3/properties/contacts'],
    ]);
  });

  it('reads by identity: present records with their properties, absent ones missing', async () => {
    await connector.upsert('contacts', 'syncline_id', contacts(150));
    const before = sim.state.calls().length;
    const identities = [...contacts(150).map((c) => c.identity), 'nope-1', 'nope-2'];

    const records = await connector.readByIdentity('contacts', 'syncline_id', identities, [
      'firstname',
      'score',
    ]);

    expect(records).toHaveLength(150);
    const c3 = records.find((r) => r.identity === 'c-3');
    expect(c3).toEqual({
      externalId: expect.any(String),
      identity: 'c-3',
      properties: { firstname: 'First 3', score: '3' },
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(
      sim.state
        .calls()
        .slice(before)
        .map((c) => [c.path, c.items]),
    ).toEqual([
      ['/crm/v3/objects/contacts/batch/read', 100],
      ['/crm/v3/objects/contacts/batch/read', 52],
    ]);
  });

  describe('listAll', () => {
    it('pages through every record without `since`', async () => {
      await connector.upsert('contacts', 'syncline_id', contacts(250));
      await connector.archive('contacts', 'syncline_id', ['c-0']);

      const pages = await collect(connector.listAll('contacts', 'syncline_id', ['firstname']));

      expect(pages.map((p) => p.length)).toEqual([100, 100, 49]);
      const identities = pages.flat().map((r) => r.identity);
      expect(new Set(identities).size).toBe(249);
      expect(identities).not.toContain('c-0');
      expect(pages[0][0].properties).toEqual({ firstname: expect.any(String) });
    });

    it('returns only records modified since, oldest first, over several search pages', async () => {
      await connector.upsert('contacts', 'syncline_id', contacts(30, 'old'));
      await sleep(5);
      const since = new Date();
      await sleep(5);
      for (let i = 0; i < 4; i++) {
        await connector.upsert('contacts', 'syncline_id', contacts(30, `new${i}`));
        await sleep(2);
      }
      const paged = new HubSpotConnector({
        accessToken: 'good-token',
        basePath: sim.url,
        searchPageSize: 50,
      });
      const before = sim.state.calls().length;

      const pages = await collect(paged.listAll('contacts', 'syncline_id', ['lastname'], since));

      const records = pages.flat();
      expect(records).toHaveLength(120);
      expect(new Set(records.map((r) => r.identity)).size).toBe(120);
      expect(records.every((r) => r.identity?.startsWith('new'))).toBe(true);
      const stamps = records.map((r) => Date.parse(r.lastModified));
      expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
      const searches = sim.state
        .calls()
        .slice(before)
        .filter((c) => c.path === '/crm/v3/objects/contacts/search');
      expect(searches.length).toBeGreaterThan(1);
    });

    it('lists a custom object modified since, keyed by a composite record id', async () => {
      const since = new Date(Date.now() - 1000);
      await connector.upsert('p_stock_levels', 'syncline_key', [
        { identity: '7,SKU-1', properties: { on_hand: 3 } },
        { identity: '7,SKU%2C2', properties: { on_hand: 0 } },
      ]);

      const records = (
        await collect(connector.listAll('p_stock_levels', 'syncline_key', ['on_hand'], since))
      ).flat();

      expect(records.map((r) => [r.identity, r.properties.on_hand])).toEqual([
        ['7,SKU-1', '3'],
        ['7,SKU%2C2', '0'],
      ]);
    });

    it('walks a timestamp shared by more records than a page holds, without repeats', async () => {
      // A batch upsert stamps all its records with one lastmodifieddate.
      const since = new Date(Date.now() - 1000);
      await connector.upsert('contacts', 'syncline_id', contacts(100, 'same'));
      await sleep(2);
      await connector.upsert('contacts', 'syncline_id', contacts(10, 'later'));
      const paged = new HubSpotConnector({
        accessToken: 'good-token',
        basePath: sim.url,
        searchPageSize: 30,
      });

      const records = (await collect(paged.listAll('contacts', 'syncline_id', [], since))).flat();

      expect(records).toHaveLength(110);
      expect(new Set(records.map((r) => r.identity)).size).toBe(110);
      expect(records.slice(-10).every((r) => r.identity?.startsWith('later'))).toBe(true);
    });

    it('rides out search rate limits (SECONDLY) by waiting Retry-After', async () => {
      await connector.upsert('contacts', 'syncline_id', contacts(5));
      sim.state.setLimits({ searchPerSecond: 1 });
      const since = new Date(0);

      const first = (await collect(connector.listAll('contacts', 'syncline_id', [], since))).flat();
      const second = (
        await collect(connector.listAll('contacts', 'syncline_id', [], since))
      ).flat();

      expect(first).toHaveLength(5);
      expect(second).toHaveLength(5);
      expect(sim.state.stats().throttled).toBe(1);
    }, 10_000);
  });

  describe('ownership marker', () => {
    const marked = (value: string, hooks = {}, searchPageSize?: number) =>
      new HubSpotConnector(
        {
          accessToken: 'good-token',
          basePath: sim.url,
          originProperty: 'syncline_origin',
          originValue: value,
          searchPageSize,
        },
        hooks,
      );

    it('writes the marker on every upsert, reads it back, and lists only the records carrying it', async () => {
      const mine = marked('destination-1');
      await mine.upsert('contacts', 'syncline_id', contacts(3, 'mine'));
      await connector.upsert('contacts', 'syncline_id', contacts(2, 'theirs'));
      await marked('destination-2').upsert('contacts', 'syncline_id', contacts(2, 'other'));

      const stored = sim.state.records('contacts');
      expect(stored.filter((r) => r.properties.syncline_origin === 'destination-1')).toHaveLength(
        3,
      );
      const read = await mine.readByIdentity(
        'contacts',
        'syncline_id',
        ['mine-0', 'theirs-0', 'other-0'],
        ['firstname'],
      );
      expect(Object.fromEntries(read.map((r) => [r.identity, r.origin]))).toEqual({
        'mine-0': 'destination-1',
        'theirs-0': null,
        'other-0': 'destination-2',
      });
      expect(read.every((r) => !('syncline_origin' in r.properties))).toBe(true);
      const listed = (await collect(mine.listOwned('contacts', 'syncline_id', []))).flat();
      expect(listed.map((r) => r.identity).sort()).toEqual(['mine-0', 'mine-1', 'mine-2']);
    });

    it('paces every search request through beforeSearch', async () => {
      let paced = 0;
      const mine = marked(
        'destination-1',
        {
          beforeSearch: () => {
            paced += 1;
            return Promise.resolve();
          },
        },
        2,
      );
      await mine.upsert('contacts', 'syncline_id', contacts(5, 'mine'));
      const before = sim.state.calls().length;

      const listed = (await collect(mine.listOwned('contacts', 'syncline_id', []))).flat();

      expect(listed).toHaveLength(5);
      const searches = sim.state
        .calls()
        .slice(before)
        .filter((c) => c.path === '/crm/v3/objects/contacts/search');
      expect(searches.length).toBeGreaterThanOrEqual(3);
      expect(paced).toBe(searches.length);
    });

    it('refuses a marker property without a value', () => {
      expect(
        () =>
          new HubSpotConnector({
            accessToken: 'good-token',
            basePath: sim.url,
            originProperty: 'syncline_origin',
          }),
      ).toThrow(/originValue/);
    });
  });
});
