import { Connection } from 'jsforce';
import { captureRejection } from '../common/utils/capture-rejection.util';
import { sleep } from '../common/utils/sleep.util';
import type { RunningSalesforceSim } from './types/running-salesforce-sim.type';
import { startSalesforceSim } from './utils/start-salesforce-sim.util';

type Row = { Id: string; Syncline_Id__c: string; SystemModstamp: string; LastModifiedById: string };
type JsforceError = Error & { errorCode: string };

const MINUTE = 60_000;
/** SOQL datetime literal from a Salesforce JSON datetime (2024-01-01T00:00:00.000+0000). */
const literal = (stamp: string) => stamp.replace('+0000', 'Z');

describe('Salesforce sim: polling by SystemModstamp, Get Deleted, and edits as a CRM user', () => {
  let sim: RunningSalesforceSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startSalesforceSim();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.state.reset();
    conn = new Connection({ instanceUrl: sim.url, accessToken: sim.state.issueToken() });
  });

  async function seed(ids: string[]): Promise<string[]> {
    const results = await conn.sobject('Contact').upsert(
      ids.map((id) => ({ Syncline_Id__c: id, LastName: id })),
      'Syncline_Id__c',
    );
    return results.map((r) => r.id as string);
  }
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('pages changes with ORDER BY SystemModstamp, Id LIMIT n and a (stamp, Id) keyset, ties included', async () => {
    await seed(['old']);
    await sleep(5);
    const watermark = new Date().toISOString();
    await sleep(5);
    // One collection call: all seven share one SystemModstamp, so paging needs the Id tiebreak.
    const ids = await seed(['t1', 't2', 't3', 't4', 't5', 't6', 't7']);

    const seen: Row[] = [];
    let where = `SystemModstamp > ${watermark}`;
    for (;;) {
      const page = await conn.query<Row>(
        `SELECT Id, Syncline_Id__c, SystemModstamp FROM Contact WHERE ${where} ORDER BY SystemModstamp, Id LIMIT 3`,
      );
      if (page.records.length === 0) break;
      seen.push(...page.records);
      const last = page.records[page.records.length - 1];
      const stamp = literal(last.SystemModstamp);
      where = `SystemModstamp > ${stamp} OR (SystemModstamp = ${stamp} AND Id > '${last.Id}')`;
    }
    expect(seen.map((r) => r.Id)).toEqual([...ids].sort());
  });

  it('edits as a CRM user: another LastModifiedById, a newer SystemModstamp, no call-log entry', async () => {
    const [id] = await seed(['crm']);
    const before = (await conn.sobject('Contact').retrieve(id)) as unknown as Row;
    const callsBefore = sim.state.calls().length;
    await sleep(5);

    const response = await admin('PATCH', `/records/Contact/${id}`, { Title: 'CTO' });
    expect(response.status).toBe(200);
    expect(sim.state.calls()).toHaveLength(callsBefore);

    const after = (await conn.sobject('Contact').retrieve(id)) as unknown as Row & {
      Title: string;
    };
    expect(after.Title).toBe('CTO');
    expect(after.LastModifiedById).toBe(sim.state.crmUserId());
    expect(after.LastModifiedById).not.toBe(before.LastModifiedById);
    expect(Date.parse(literal(after.SystemModstamp))).toBeGreaterThan(
      Date.parse(literal(before.SystemModstamp)),
    );
    const changed = await conn.query<Row>(
      `SELECT Id FROM Contact WHERE SystemModstamp > ${literal(before.SystemModstamp)}`,
    );
    expect(changed.records.map((r) => r.Id)).toEqual([id]);
  });

  it('creates as a CRM user: a new Id, the user as creator and owner, required fields checked, no call-log entry', async () => {
    const callsBefore = sim.state.calls().length;

    const response = await admin('POST', '/records/Contact', { LastName: 'Hopper', Title: 'RADM' });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(sim.state.calls()).toHaveLength(callsBefore);
    const created = (await conn.sobject('Contact').retrieve(id)) as unknown as Row & {
      Title: string;
      CreatedById: string;
      OwnerId: string;
      Syncline_Id__c: string | null;
    };
    expect(created).toMatchObject({ Title: 'RADM', Syncline_Id__c: null });
    expect(created.CreatedById).toBe(sim.state.crmUserId());
    expect(created.OwnerId).toBe(sim.state.crmUserId());
    expect(Date.parse(literal(created.SystemModstamp))).not.toBeNaN();

    // LastName is required on Contact, through the UI as through the API.
    const missing = await admin('POST', '/records/Contact', { Title: 'CTO' });
    expect(missing.status).toBe(400);
    expect((await admin('POST', '/records/Nope', { Name: 'x' })).status).toBe(404);
    expect(sim.state.createRecord('Contact', { LastName: 'Lin' }).id).toMatch(/^003/);
  });

  it('answers bad CRM-user edits with 400 and unknown records with 404', async () => {
    const [id] = await seed(['bad']);
    const unknownField = await admin('PATCH', `/records/Contact/${id}`, { Nope__c: 'x' });
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toMatchObject({ error: 'invalid_request' });
    const readOnly = await admin('PATCH', `/records/Contact/${id}`, { CreatedDate: 'x' });
    expect(readOnly.status).toBe(400);
    expect(((await readOnly.json()) as { message: string }).message).toMatch(
      /INVALID_FIELD_FOR_INSERT_UPDATE/,
    );
    expect((await admin('PATCH', '/records/Contact/003000000000000AAA', {})).status).toBe(404);
    expect((await admin('DELETE', '/records/Nope/003000000000000AAA')).status).toBe(404);
  });

  it('lists API and CRM-user deletions through Get Deleted (jsforce sobject.deleted)', async () => {
    const [apiGone, userGone, kept] = await seed(['api', 'user', 'kept']);
    await conn.sobject('Contact').destroy(apiGone);
    expect((await admin('DELETE', `/records/Contact/${userGone}`)).status).toBe(204);

    const start = new Date(Date.now() - 10 * MINUTE);
    const end = new Date(Date.now() + 2 * MINUTE);
    const result = await conn.sobject('Contact').deleted(start, end);
    expect(result.deletedRecords.map((r) => r.id).sort()).toEqual([apiGone, userGone].sort());
    expect(result.deletedRecords.map((r) => r.id)).not.toContain(kept);
    for (const record of result.deletedRecords) {
      expect(record.deletedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    }
    const covered = Date.parse(literal(result.latestDateCovered));
    expect(covered % MINUTE).toBe(0);
    expect(covered).toBeLessThanOrEqual(end.getTime());
    expect(Date.parse(literal(result.earliestDateAvailable))).toBeLessThanOrEqual(Date.now());

    const later = await conn
      .sobject('Contact')
      .deleted(new Date(Date.now() + 2 * MINUTE), new Date(Date.now() + 5 * MINUTE));
    expect(later.deletedRecords).toEqual([]);
    // Deleted user records are still there for queryAll, as in the recycle bin.
    const all = await conn
      .query<Row & { IsDeleted: boolean }>(
        `SELECT Id, IsDeleted, LastModifiedById FROM Contact WHERE Id = '${userGone}'`,
      )
      .scanAll(true)
      .execute();
    expect(all.records[0]).toMatchObject({
      IsDeleted: true,
      LastModifiedById: sim.state.crmUserId(),
    });
  });

  it('rejects Get Deleted windows Salesforce rejects, in its error body', async () => {
    const now = Date.now();
    const reversed = await captureRejection<JsforceError>(
      conn.sobject('Contact').deleted(new Date(now), new Date(now - 5 * MINUTE)),
    );
    expect(reversed.errorCode).toBe('INVALID_REPLICATION_DATE');
    const tooOld = await captureRejection<JsforceError>(
      conn.sobject('Contact').deleted(new Date(now - 16 * 86_400_000), new Date(now)),
    );
    expect(tooOld.errorCode).toBe('INVALID_REPLICATION_DATE');

    const token = sim.state.issueToken();
    const missing = await fetch(
      `${sim.url}/services/data/v62.0/sobjects/Contact/deleted/?end=2030-01-01T00:00:00Z`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual([
      { errorCode: 'MISSING_ARGUMENT', message: 'start parameter is required' },
    ]);
    const unknown = await captureRejection<JsforceError>(
      conn.sobject('Nope__c').deleted(new Date(now - 5 * MINUTE), new Date(now)),
    );
    expect(unknown.errorCode).toBe('NOT_FOUND');
  });
});
