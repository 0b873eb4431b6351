import { Connection } from 'jsforce';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningSalesforceSim } from './types/running-salesforce-sim.type';
import { startSalesforceSim } from './utils/start-salesforce-sim.util';

type Row = {
  Id: string;
  Syncline_Id__c: string;
  SystemModstamp: string;
  attributes: { type: string; url: string };
};
type JsforceError = Error & { errorCode: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SOQL datetime literal: no quotes, ISO-8601 with a zone. */
function soqlDatetime(ms: number): string {
  return new Date(ms).toISOString();
}

describe('Salesforce sim: SOQL query, queryMore and queryAll via jsforce', () => {
  let sim: RunningSalesforceSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startSalesforceSim({ queryBatchSize: 50 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.state.reset();
    conn = new Connection({ instanceUrl: sim.url, accessToken: sim.state.issueToken() });
  });

  async function seed(ids: string[], extra: Record<string, unknown> = {}): Promise<void> {
    for (let i = 0; i < ids.length; i += 200) {
      await conn.sobject('Contact').upsert(
        ids.slice(i, i + 200).map((id) => ({ Syncline_Id__c: id, LastName: id, ...extra })),
        'Syncline_Id__c',
      );
    }
  }

  it('finds records changed since a SystemModstamp watermark, across pages with queryMore', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `q-${String(i).padStart(3, '0')}`);
    await seed(ids);
    await sleep(5);
    const watermark = Date.now();
    await sleep(5);
    const changed = ids.filter((_, i) => i % 2 === 0);
    await seed(changed, { Title: 'Changed' });

    const soql = `SELECT Id, Syncline_Id__c, SystemModstamp FROM Contact WHERE SystemModstamp > ${soqlDatetime(watermark)} ORDER BY Syncline_Id__c`;
    const first = await conn.query<Row>(soql);
    expect(first).toMatchObject({ totalSize: 75, done: false });
    expect(first.records).toHaveLength(50);
    expect(first.nextRecordsUrl).toMatch(
      new RegExp(`^${sim.url}/services/data/v50\\.0/query/01g[A-Za-z0-9]{15}-50$`),
    );
    expect(first.records[0]).toMatchObject({
      attributes: { type: 'Contact' },
      Syncline_Id__c: 'q-000',
    });
    expect(Date.parse(first.records[0].SystemModstamp.replace('+0000', 'Z'))).toBeGreaterThan(
      watermark,
    );

    const second = await conn.queryMore<Row>(first.nextRecordsUrl ?? '');
    expect(second).toMatchObject({ totalSize: 75, done: true });
    expect([...first.records, ...second.records].map((r) => r.Syncline_Id__c)).toEqual(changed);

    const calls = sim.state.calls().filter((c) => c.method === 'GET');
    expect(calls.map((c) => [c.path.replace(/01g\w+-/, '<locator>-'), c.items])).toEqual([
      ['/services/data/v50.0/query', 50],
      ['/services/data/v50.0/query/<locator>-50', 25],
    ]);
  });

  it('fetches every page with autoFetch', async () => {
    await seed(Array.from({ length: 120 }, (_, i) => `a-${i}`));
    const result = await conn
      .query<Row>('SELECT Id FROM Contact')
      .execute({ autoFetch: true, maxFetch: 10_000 });
    expect(result.records).toHaveLength(120);
    expect(sim.state.calls().filter((c) => c.method === 'GET')).toHaveLength(3);
  });

  it('filters with =, IN, NOT IN, LIKE, null and parenthesised AND/OR; sorts and limits', async () => {
    await seed(['alpha', 'bravo', 'charlie', 'delta']);
    await conn
      .sobject('Contact')
      .upsert({ Syncline_Id__c: 'delta', Email: 'd@example.com' }, 'Syncline_Id__c');
    const ids = async (where: string, tail = 'ORDER BY Syncline_Id__c') =>
      (
        await conn.query<Row>(`SELECT Syncline_Id__c FROM Contact WHERE ${where} ${tail}`)
      ).records.map((r) => r.Syncline_Id__c);

    expect(await ids("Syncline_Id__c = 'ALPHA'")).toEqual(['alpha']);
    expect(await ids("Syncline_Id__c IN ('bravo', 'charlie', 'zulu')")).toEqual([
      'bravo',
      'charlie',
    ]);
    expect(await ids("Syncline_Id__c NOT IN ('bravo', 'charlie')")).toEqual(['alpha', 'delta']);
    expect(await ids("LastName LIKE 'c%'")).toEqual(['charlie']);
    expect(await ids('Email != null')).toEqual(['delta']);
    expect(
      await ids("(Syncline_Id__c = 'alpha' OR Syncline_Id__c = 'delta') AND Email = null"),
    ).toEqual(['alpha']);
    expect(await ids("Syncline_Id__c != 'alpha'", 'ORDER BY Syncline_Id__c DESC LIMIT 2')).toEqual([
      'delta',
      'charlie',
    ]);
    const count = await conn.query('SELECT COUNT() FROM Contact WHERE IsDeleted = false');
    expect(count).toMatchObject({ totalSize: 4, records: [] });
  });

  it('rejects bad SOQL as Salesforce does (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE)', async () => {
    const code = async (soql: string) =>
      (await captureRejection<JsforceError>(conn.query(soql))).errorCode;
    expect(
      await code("SELECT Id FROM Contact WHERE LastName = 'a' AND Email = null OR Title = 'x'"),
    ).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM Contact WHERE')).toBe('MALFORMED_QUERY');
    expect(await code("SELECT Id FROM Contact WHERE SystemModstamp > '2024-01-01T00:00:00Z'")).toBe(
      'INVALID_FIELD',
    );
    expect(await code('SELECT Shoe_Size__c FROM Contact')).toBe('INVALID_FIELD');
    expect(await code('SELECT Id FROM Lead__x')).toBe('INVALID_TYPE');
    expect(await code('SELECT Id FROM Contact OFFSET 2001')).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it('hides deleted records from query but shows them (IsDeleted = true) to queryAll', async () => {
    await seed(['live', 'gone']);
    const gone = (sim.state.records('Contact') ?? []).find((r) => r.Syncline_Id__c === 'gone');
    await conn.sobject('Contact').destroy([String(gone?.Id)]);
    const soql = 'SELECT Syncline_Id__c, IsDeleted FROM Contact ORDER BY Syncline_Id__c';
    expect((await conn.query<Row>(soql)).records.map((r) => r.Syncline_Id__c)).toEqual(['live']);
    const all = await conn.query<Row & { IsDeleted: boolean }>(soql).scanAll(true).execute();
    expect(all.records.map((r) => [r.Syncline_Id__c, r.IsDeleted])).toEqual([
      ['gone', true],
      ['live', false],
    ]);
    expect(sim.state.calls().at(-1)?.path).toBe('/services/data/v50.0/queryAll');
  });

  it('rejects an unknown query locator (INVALID_QUERY_LOCATOR)', async () => {
    const error = await captureRejection<JsforceError>(conn.queryMore('01gAAAAAAAAAAAAAAA-2000'));
    expect(error.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});
