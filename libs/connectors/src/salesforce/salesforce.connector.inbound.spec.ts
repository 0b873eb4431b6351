import type { MappedRecord } from '@syncline/mapping';
import { startSalesforceSim } from '../../../../apps/crm-sim/src';
import type { RunningSalesforceSim } from '../../../../apps/crm-sim/src';
import { DeliveryException } from '../exceptions/delivery.exception';
import type { ModifiedCursor } from '../types/modified-cursor.type';
import type { ModifiedPage } from '../types/modified-page.type';
import { SalesforceConnector } from './salesforce.connector';

// A custom object unlike the demo's: a composite text key, number, date, picklist and checkbox.
const SHIPMENT = 'Shipment__c';
const EXT = 'Syncline_Id__c';
const FIELDS = ['Weight_Kg__c', 'Shipped_On__c', 'Status__c', 'Fragile__c'];
const DAY = 24 * 60 * 60_000;

function shipments(count: number, from = 0): MappedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    identity: `ACME|${from + i}`,
    properties: {
      Weight_Kg__c: (from + i) * 1.5,
      Shipped_On__c: '2026-03-01',
      Status__c: i % 2 === 0 ? 'Packed' : 'In_Transit',
      Fragile__c: i % 3 === 0,
    },
  }));
}

async function collect<T>(pages: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const order = (pages: ModifiedPage[]) =>
  pages.flatMap((p) => p.records.map((r) => `${r.lastModified} ${r.externalId}`));

describe(`${SalesforceConnector.name} inbound`, () => {
  let sim: RunningSalesforceSim;
  let connector: SalesforceConnector;

  beforeAll(async () => {
    sim = await startSalesforceSim({
      queryBatchSize: 10,
      customObjects: [
        {
          name: SHIPMENT,
          fields: [
            { name: 'Weight_Kg__c', type: 'double', precision: 18, scale: 2 },
            { name: 'Shipped_On__c', type: 'date' },
            {
              name: 'Status__c',
              type: 'picklist',
              picklistValues: ['Packed', 'In_Transit', 'Delivered'],
            },
            { name: 'Fragile__c', type: 'boolean' },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.state.reset();
    connector = new SalesforceConnector({
      instanceUrl: sim.url,
      accessToken: 'syncline-sim-token',
      listRetry: { initialDelayMs: 5, maxDelayMs: 50 },
    });
  });

  async function upsert(records: MappedRecord[]): Promise<string[]> {
    const results = await connector.upsert(SHIPMENT, EXT, records);
    return results.map((r) => (r.ok ? r.externalId! : 'failed'));
  }

  async function admin(method: 'PATCH' | 'DELETE', id: string, fields?: object): Promise<void> {
    const response = await fetch(`${sim.url}/__sim/records/${SHIPMENT}/${id}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: fields ? JSON.stringify(fields) : undefined,
    });
    expect(response.ok).toBe(true);
  }

  describe('readByExternalId', () => {
    it('reads the current state by Id, 200 per query, identity filled; deleted, unknown and malformed ids absent', async () => {
      const ids = await upsert(shipments(250));
      await admin('PATCH', ids[3], { Status__c: 'Delivered', Weight_Kg__c: 7.25 });
      await admin('DELETE', ids[4]);
      const before = sim.state.calls().length;

      const records = await connector.readByExternalId(
        SHIPMENT,
        EXT,
        [...ids, 'a0x000000000000AAA', "x' OR Name != '", ids[0]],
        FIELDS,
      );

      expect(records).toHaveLength(249);
      expect(records.map((r) => r.externalId)).not.toContain(ids[4]);
      expect(records.find((r) => r.externalId === ids[3])).toMatchObject({
        identity: 'ACME|3',
        properties: {
          Weight_Kg__c: 7.25,
          Shipped_On__c: '2026-03-01',
          Status__c: 'Delivered',
          Fragile__c: true,
        },
      });
      const queries = sim.state
        .calls()
        .slice(before)
        .filter((c) => c.path.endsWith('/query'));
      expect(queries).toHaveLength(2);
    });
  });

  describe('updateByExternalId', () => {
    it('writes the identity onto records a CRM user created, by Id in one composite update, unknown ids failing alone', async () => {
      const created = [0, 1].map((i) => sim.state.createRecord(SHIPMENT, { Weight_Kg__c: i }).id);
      const before = sim.state.calls().length;

      const results = await connector.updateByExternalId(SHIPMENT, [
        { externalId: created[0], properties: { [EXT]: 'ACME|7' } },
        { externalId: 'a01000000000099AAA', properties: { [EXT]: 'ACME|8' } },
        { externalId: created[1], properties: { [EXT]: 'ACME|9', Fragile__c: true } },
      ]);

      expect(results.map((r) => [r.identity, r.ok])).toEqual([
        [created[0], true],
        ['a01000000000099AAA', false],
        [created[1], true],
      ]);
      const read = await connector.readByExternalId(SHIPMENT, EXT, created, ['Fragile__c']);
      expect(read.map((r) => [r.externalId, r.identity, r.properties.Fragile__c]).sort()).toEqual([
        [created[0], 'ACME|7', false],
        [created[1], 'ACME|9', true],
      ]);
      const calls = sim.state.calls().slice(before, before + 1);
      expect(calls.map((c) => [c.method, c.path, c.items])).toEqual([
        ['PATCH', expect.stringMatching(/\/composite\/sobjects$/), 3],
      ]);
    });
  });

  describe('listDeletedSince', () => {
    it('lists deletions at or after `since` by Get Deleted, ids only, including the current minute', async () => {
      const ids = await upsert(shipments(5));
      await admin('DELETE', ids[1]);
      await admin('DELETE', ids[3]);

      const pages = await collect(
        connector.listDeletedSince(SHIPMENT, EXT, new Date(Date.now() - 10 * 60_000)),
      );

      const deleted = pages.flat();
      expect(deleted.map((d) => d.externalId).sort()).toEqual([ids[1], ids[3]].sort());
      expect(deleted.every((d) => d.identity === null)).toBe(true);
      const stamps = sim.state
        .records(SHIPMENT)!
        .filter((r) => r.IsDeleted)
        .map((r) => new Date(String(r.SystemModstamp)).toISOString());
      expect(deleted.map((d) => d.deletedAt).sort()).toEqual(stamps.sort());
      expect(sim.state.calls().filter((c) => c.path.endsWith(`/${SHIPMENT}/deleted`))).toHaveLength(
        1,
      );
    });

    it('leaves out deletions before `since`, and reads a long range a day per call, each deletion once', async () => {
      const ids = await upsert(shipments(3));
      await admin('DELETE', ids[0]);
      const first = sim.state.records(SHIPMENT)!.find((r) => r.Id === ids[0])!;
      const since = new Date(Date.parse(String(first.SystemModstamp)) + 1);
      await admin('DELETE', ids[2]);
      const later = Date.parse(
        String(sim.state.records(SHIPMENT)!.find((r) => r.Id === ids[2])!.SystemModstamp),
      );

      const recent = (await collect(connector.listDeletedSince(SHIPMENT, EXT, since))).flat();
      const week = (
        await collect(connector.listDeletedSince(SHIPMENT, EXT, new Date(Date.now() - 3 * DAY)))
      ).flat();

      // Two deletions in one millisecond cannot be told apart by `since`.
      expect(recent.map((d) => d.externalId)).toEqual(later >= since.getTime() ? [ids[2]] : []);
      expect(week.map((d) => d.externalId).sort()).toEqual([ids[0], ids[2]].sort());
      const gets = sim.state.calls().filter((c) => c.path.endsWith(`/${SHIPMENT}/deleted`));
      expect(gets).toHaveLength(1 + 4);
    });

    it('fails permanently when `since` is older than Get Deleted keeps (15 days)', async () => {
      const error = await collect(
        connector.listDeletedSince(SHIPMENT, EXT, new Date(Date.now() - 16 * DAY)),
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DeliveryException);
      expect((error as DeliveryException).errorClass).toBe('permanent');
      expect((error as DeliveryException).details.crmCode).toBe('INVALID_REPLICATION_DATE');
    });
  });

  describe('listModifiedSince', () => {
    it('yields every record once by (SystemModstamp, Id), page cursors at the last record', async () => {
      // One collection call stamps its 25 records alike; query pages hold 10.
      const ids = await upsert(shipments(25));
      await admin('PATCH', ids[9], { Status__c: 'Delivered' });

      const pages = await collect(
        connector.listModifiedSince(SHIPMENT, EXT, FIELDS, {
          modifiedAt: new Date(0).toISOString(),
        }),
      );

      const keys = order(pages);
      expect(keys).toHaveLength(25);
      expect(new Set(keys).size).toBe(25);
      expect([...keys].sort()).toEqual(keys);
      expect(keys[keys.length - 1]).toMatch(new RegExp(`${ids[9]}$`));
      for (const page of pages) {
        const last = page.records[page.records.length - 1];
        expect(page.cursor).toEqual({ modifiedAt: last.lastModified, lastId: last.externalId });
      }
    });

    it('stops before `until` (whole seconds), and the next scan from its cursor picks up the rest', async () => {
      const first = await upsert(shipments(4));
      const stamp = (id: string) =>
        Date.parse(String(sim.state.records(SHIPMENT)!.find((r) => r.Id === id)!.SystemModstamp));
      // SOQL datetimes are whole seconds: the second batch goes into the next second.
      const until = Math.floor(stamp(first[0]) / 1000) * 1000 + 1000;
      while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await upsert(shipments(3, 50));
      const start = { modifiedAt: new Date(0).toISOString() };

      const settled = await collect(
        connector.listModifiedSince(SHIPMENT, EXT, FIELDS, start, { until: new Date(until + 999) }),
      );
      const rest = await collect(
        connector.listModifiedSince(SHIPMENT, EXT, FIELDS, settled[settled.length - 1].cursor),
      );

      const ids = (pages: ModifiedPage[]) =>
        pages.flatMap((p) => p.records.map((r) => r.externalId));
      expect(ids(settled).sort()).toEqual([...first].sort());
      expect(ids(rest).sort()).toEqual([...second].sort());
    });

    it('resumes from any persisted cursor with exactly the records after it, then only later changes', async () => {
      const ids = await upsert(shipments(25));
      await upsert(shipments(7, 100));
      const full = await collect(
        connector.listModifiedSince(SHIPMENT, EXT, FIELDS, {
          modifiedAt: new Date(0).toISOString(),
        }),
      );
      const everything = order(full);

      for (let k = 0; k < full.length; k++) {
        const cursor = JSON.parse(JSON.stringify(full[k].cursor)) as ModifiedCursor;
        const rest = await collect(connector.listModifiedSince(SHIPMENT, EXT, FIELDS, cursor));
        expect(order(rest)).toEqual(everything.slice(order(full.slice(0, k + 1)).length));
      }

      const end = full[full.length - 1].cursor;
      await admin('PATCH', ids[2], { Weight_Kg__c: 99 });
      const next = await collect(connector.listModifiedSince(SHIPMENT, EXT, FIELDS, end));
      expect(
        next.flatMap((p) => p.records.map((r) => [r.externalId, r.properties.Weight_Kg__c])),
      ).toEqual([[ids[2], 99]]);
    });
  });
});
