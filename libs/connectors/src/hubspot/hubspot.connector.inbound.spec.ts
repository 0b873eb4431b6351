import type { MappedRecord } from '@syncline/mapping';
import { startHubSpotSim } from '../../../../apps/crm-sim/src';
import type { RunningHubSpotSim } from '../../../../apps/crm-sim/src';
import type { DeletedRecord } from '../types/deleted-record.type';
import type { ModifiedCursor } from '../types/modified-cursor.type';
import type { ModifiedPage } from '../types/modified-page.type';
import { HubSpotConnector } from './hubspot.connector';

// A custom object unlike the demo's: a composite text key, number, date, enum and bool.
const SHIPMENTS = 'p_shipments';
const KEY = 'shipment_key';
const FIELDS = ['weight_kg', 'shipped_on', 'status', 'fragile'];

function shipments(count: number, from = 0): MappedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    identity: `ACME|${from + i}`,
    properties: {
      weight_kg: (from + i) * 1.5,
      shipped_on: '2026-03-01',
      status: i % 2 === 0 ? 'packed' : 'in_transit',
      fragile: i % 3 === 0,
    },
  }));
}

async function collect<T>(pages: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** (modified, id) of each record, as the scan's order key. */
const keys = (pages: ModifiedPage[]) =>
  pages.flatMap((p) => p.records.map((r) => [Date.parse(r.lastModified), Number(r.externalId)]));

describe(`${HubSpotConnector.name} inbound`, () => {
  let sim: RunningHubSpotSim;
  let connector: HubSpotConnector;
  let searchSlots: number;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      limits: { searchPerSecond: 10_000, tenSecondly: 100_000 },
      properties: {
        [SHIPMENTS]: [
          { name: KEY, type: 'string', hasUniqueValue: true },
          { name: 'weight_kg', type: 'number' },
          { name: 'shipped_on', type: 'date' },
          { name: 'status', type: 'enumeration', options: ['packed', 'in_transit', 'delivered'] },
          { name: 'fragile', type: 'bool' },
        ],
      },
    });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.state.reset();
    searchSlots = 0;
    connector = newConnector();
  });

  function newConnector(searchPageSize?: number): HubSpotConnector {
    return new HubSpotConnector(
      {
        accessToken: 'token',
        basePath: sim.url,
        searchPageSize,
        listRetry: { initialDelayMs: 5, maxDelayMs: 50 },
      },
      {
        beforeSearch: async () => {
          searchSlots += 1;
        },
      },
    );
  }

  async function upsert(records: MappedRecord[], by = connector): Promise<string[]> {
    const results = await by.upsert(SHIPMENTS, KEY, records);
    return results.map((r) => (r.ok ? r.externalId! : 'failed'));
  }

  async function admin(method: 'PATCH' | 'DELETE', id: string, properties?: object) {
    const response = await fetch(`${sim.url}/__sim/records/${SHIPMENTS}/${id}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: properties ? JSON.stringify({ properties }) : undefined,
    });
    expect(response.ok).toBe(true);
  }

  describe('readByExternalId', () => {
    it('reads the current state by object id in batches of 100, identity filled, archived and unknown ids absent', async () => {
      const ids = await upsert(shipments(150));
      await admin('PATCH', ids[3], { status: 'delivered' });
      await admin('DELETE', ids[4]);
      const before = sim.state.calls().length;

      const records = await connector.readByExternalId(
        SHIPMENTS,
        KEY,
        [...ids, '987654321', 'not-an-id', ids[0]],
        FIELDS,
      );

      expect(records).toHaveLength(149);
      expect(records.map((r) => r.externalId)).not.toContain(ids[4]);
      const third = records.find((r) => r.externalId === ids[3]);
      expect(third).toMatchObject({
        identity: 'ACME|3',
        properties: {
          weight_kg: '4.5',
          shipped_on: '2026-03-01',
          status: 'delivered',
          fragile: 'true',
        },
      });
      expect(Date.parse(third!.lastModified)).not.toBeNaN();
      const reads = sim.state.calls().slice(before);
      expect(reads.map((c) => [c.path, c.items])).toEqual([
        [`/crm/v3/objects/${SHIPMENTS}/batch/read`, 100],
        [`/crm/v3/objects/${SHIPMENTS}/batch/read`, 51],
      ]);
    });
  });

  describe('updateByExternalId', () => {
    it('writes the identity onto records a CRM user created, by object id in one batch update, unknown ids failing alone', async () => {
      const created = [0, 1].map(
        (i) => sim.state.createRecord(SHIPMENTS, { weight_kg: `${i}` }).id,
      );
      const before = sim.state.calls().length;

      const results = await connector.updateByExternalId(SHIPMENTS, [
        { externalId: created[0], properties: { [KEY]: 'ACME|7' } },
        { externalId: '987654321', properties: { [KEY]: 'ACME|8' } },
        { externalId: created[1], properties: { [KEY]: 'ACME|9', fragile: true } },
      ]);

      expect(results.map((r) => [r.identity, r.ok])).toEqual([
        [created[0], true],
        ['987654321', false],
        [created[1], true],
      ]);
      expect(results[0]).toMatchObject({ externalId: created[0] });
      const read = await connector.readByExternalId(SHIPMENTS, KEY, created, ['fragile']);
      expect(read.map((r) => [r.externalId, r.identity, r.properties.fragile])).toEqual([
        [created[0], 'ACME|7', null],
        [created[1], 'ACME|9', 'true'],
      ]);
      const calls = sim.state.calls().slice(before, before + 1);
      expect(calls.map((c) => [c.method, c.path, c.items])).toEqual([
        ['POST', `/crm/v3/objects/${SHIPMENTS}/batch/update`, 3],
      ]);
    });
  });

  describe('listDeletedSince', () => {
    it('lists archives at or after `since` with their identity, skipping older ones and live records', async () => {
      const ids = await upsert(shipments(6));
      await admin('DELETE', ids[0]);
      const firstArchive = Date.parse(
        sim.state.records(SHIPMENTS).find((r) => r.id === ids[0])!.archivedAt!,
      );
      await admin('DELETE', ids[2]);
      await admin('DELETE', ids[5]);
      const since = new Date(firstArchive + 1);
      // A later archive can share the first one's millisecond: then it is before `since` too.
      const expected = sim.state
        .records(SHIPMENTS)
        .filter((r) => r.archivedAt && Date.parse(r.archivedAt) >= since.getTime())
        .map((r) => r.id);

      const pages = await collect(connector.listDeletedSince(SHIPMENTS, KEY, since));

      const deleted: DeletedRecord[] = pages.flat();
      expect(deleted.map((d) => d.externalId).sort()).toEqual(expected.sort());
      expect(deleted.map((d) => d.externalId)).not.toContain(ids[0]);
      for (const d of deleted) {
        const index = ids.indexOf(d.externalId);
        expect(d.identity).toBe(`ACME|${index}`);
        expect(Date.parse(d.deletedAt)).toBeGreaterThanOrEqual(since.getTime());
      }
      const all = (await collect(connector.listDeletedSince(SHIPMENTS, KEY, new Date(0)))).flat();
      expect(all.map((d) => d.externalId).sort()).toEqual([ids[0], ids[2], ids[5]].sort());
    });

    it('pages through more archives than one list page holds', async () => {
      const ids = await upsert(shipments(130));
      for (const id of ids) sim.state.archiveRecord(SHIPMENTS, id);

      const pages = await collect(connector.listDeletedSince(SHIPMENTS, KEY, new Date(0)));

      expect(pages.length).toBeGreaterThan(1);
      expect(new Set(pages.flat().map((d) => d.externalId)).size).toBe(130);
    });
  });

  describe('listModifiedSince', () => {
    it('yields every record once, strictly by (modified, id), across pages that split one timestamp', async () => {
      // One batch upsert stamps its records alike: 25 records share a timestamp, pages hold 10.
      const small = newConnector(10);
      const ids = await upsert(shipments(25), small);
      await admin('PATCH', ids[7], { status: 'delivered' });
      await admin('PATCH', ids[2], { status: 'delivered' });

      const pages = await collect(
        small.listModifiedSince(SHIPMENTS, KEY, FIELDS, { modifiedAt: new Date(0).toISOString() }),
      );

      const order = keys(pages);
      expect(order).toHaveLength(25);
      expect(new Set(order.map(([, id]) => id)).size).toBe(25);
      for (let i = 1; i < order.length; i++) {
        const [at, id] = order[i];
        const [prevAt, prevId] = order[i - 1];
        expect(at > prevAt || (at === prevAt && id > prevId)).toBe(true);
      }
      // The edited records come last, the later edit after the earlier one.
      expect(order.slice(-2).map(([, id]) => String(id))).toEqual([ids[7], ids[2]]);
      for (const page of pages) {
        const last = page.records[page.records.length - 1];
        expect(page.cursor).toEqual({
          modifiedAt: new Date(Date.parse(last.lastModified)).toISOString(),
          lastId: last.externalId,
        });
      }
      expect(
        pages
          .find((p) => p.records.some((r) => r.externalId === ids[7]))!
          .records.find((r) => r.externalId === ids[7]),
      ).toMatchObject({ identity: 'ACME|7', properties: { status: 'delivered' } });
      // Every search waited for a slot of the shared search limit.
      const searches = sim.state.calls().filter((c) => c.path.endsWith('/search')).length;
      expect(searches).toBeGreaterThan(0);
      expect(searchSlots).toBe(searches);
    });

    it('resumes from any persisted cursor with exactly the records after it', async () => {
      const small = newConnector(10);
      await upsert(shipments(25), small);
      await upsert(shipments(8, 100), small);
      const start: ModifiedCursor = { modifiedAt: new Date(0).toISOString() };
      const full = await collect(small.listModifiedSince(SHIPMENTS, KEY, FIELDS, start));
      const everything = keys(full);

      for (let k = 0; k < full.length; k++) {
        const cursor = JSON.parse(JSON.stringify(full[k].cursor)) as ModifiedCursor;
        const rest = await collect(small.listModifiedSince(SHIPMENTS, KEY, FIELDS, cursor));
        const seen = keys(full.slice(0, k + 1)).length;
        expect(keys(rest)).toEqual(everything.slice(seen));
      }
    });

    it('stops before `until`, and the next scan from its cursor picks up the rest', async () => {
      const first = await upsert(shipments(4));
      const stamp = (id: string) =>
        Date.parse(sim.state.records(SHIPMENTS).find((r) => r.id === id)!.updatedAt);
      const t1 = stamp(first[0]);
      while (Date.now() <= t1) await new Promise((resolve) => setImmediate(resolve));
      const second = await upsert(shipments(3, 50));
      expect(stamp(second[0])).toBeGreaterThan(t1);
      const start = { modifiedAt: new Date(0).toISOString() };

      const settled = await collect(
        connector.listModifiedSince(SHIPMENTS, KEY, FIELDS, start, { until: new Date(t1 + 1) }),
      );
      const rest = await collect(
        connector.listModifiedSince(SHIPMENTS, KEY, FIELDS, settled[settled.length - 1].cursor),
      );

      const ids = (pages: ModifiedPage[]) =>
        pages.flatMap((p) => p.records.map((r) => r.externalId));
      expect(ids(settled).sort()).toEqual([...first].sort());
      expect(ids(rest).sort()).toEqual([...second].sort());
    });

    it('picks up only the records changed after the last cursor, CRM edits included', async () => {
      const ids = await upsert(shipments(5));
      const first = await collect(
        connector.listModifiedSince(SHIPMENTS, KEY, FIELDS, {
          modifiedAt: new Date(0).toISOString(),
        }),
      );
      const cursor = first[first.length - 1].cursor;
      expect(await collect(connector.listModifiedSince(SHIPMENTS, KEY, FIELDS, cursor))).toEqual(
        [],
      );

      await admin('PATCH', ids[1], { weight_kg: '99' });
      const next = await collect(connector.listModifiedSince(SHIPMENTS, KEY, FIELDS, cursor));

      expect(
        next.flatMap((p) => p.records.map((r) => [r.externalId, r.properties.weight_kg])),
      ).toEqual([[ids[1], '99']]);
    });
  });
});
