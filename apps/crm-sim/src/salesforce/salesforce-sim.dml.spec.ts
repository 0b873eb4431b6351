import { Connection } from 'jsforce';
import { createHmac } from 'node:crypto';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningSalesforceSim } from './types/running-salesforce-sim.type';
import { startSalesforceSim } from './utils/start-salesforce-sim.util';

type SaveResult = {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
};
type JsforceError = Error & { errorCode: string; data: unknown };

const CLIENT = { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' };

function contacts(ids: string[], extra: (id: string) => Record<string, unknown> = () => ({})) {
  return ids.map((id) => ({
    Syncline_Id__c: id,
    LastName: `Last ${id}`,
    Email: `${id}@example.com`,
    ...extra(id),
  }));
}

describe('Salesforce sim: OAuth and sObject DML via jsforce', () => {
  let sim: RunningSalesforceSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startSalesforceSim();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.state.reset();
    conn = new Connection({ oauth2: { loginUrl: sim.url, ...CLIENT } });
    await conn.authorize({ grant_type: 'client_credentials' });
  });

  it('issues tokens by client credentials with instance_url = the sim and a verifiable signature', async () => {
    const fresh = new Connection({ oauth2: { loginUrl: sim.url, ...CLIENT } });
    const token = await fresh.oauth2.requestToken({ grant_type: 'client_credentials' });
    expect(token).toMatchObject({ instance_url: sim.url, token_type: 'Bearer' });
    const expected = createHmac('sha256', CLIENT.clientSecret)
      .update(`${token.id}${token.issued_at}`)
      .digest('base64');
    expect(token.signature).toBe(expected);

    const userInfo = await fresh.authorize({ grant_type: 'client_credentials' });
    expect(fresh.instanceUrl).toBe(sim.url);
    expect(userInfo.organizationId).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect((await fresh.identity()).user_id).toBe(userInfo.id);

    const wrong = new Connection({
      oauth2: { loginUrl: sim.url, clientId: CLIENT.clientId, clientSecret: 'nope' },
    });
    const error = await captureRejection<Error>(
      wrong.authorize({ grant_type: 'client_credentials' }),
    );
    expect(error.name).toBe('invalid_client');
  });

  it('accepts the OAuth password grant (conn.login with a connected app)', async () => {
    const byPassword = new Connection({ oauth2: { loginUrl: sim.url, ...CLIENT } });
    await byPassword.login('integration@syncline.sim', 'syncline');
    expect(byPassword.accessToken).toBeTruthy();
    const error = await captureRejection<Error>(
      new Connection({ oauth2: { loginUrl: sim.url, ...CLIENT } }).login(
        'integration@syncline.sim',
        'wrong',
      ),
    );
    expect(error.name).toBe('invalid_grant');
  });

  it('upserts 200 records by external ID in ONE sObject Collections call, then updates them', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c-${i}`);
    const created = (await conn
      .sobject('Contact')
      .upsert(contacts(ids), 'Syncline_Id__c', { allOrNone: false })) as SaveResult[];
    expect(created).toHaveLength(200);
    expect(
      created.every(
        (r) => r.success && r.created === true && /^0035g0000[A-Za-z0-9]{9}$/.test(r.id ?? ''),
      ),
    ).toBe(true);

    const updated = (await conn.sobject('Contact').upsert(
      contacts(ids, () => ({ Title: 'CTO' })),
      'Syncline_Id__c',
      { allOrNone: false },
    )) as SaveResult[];
    expect(updated.every((r) => r.success && r.created === false)).toBe(true);
    expect(updated.map((r) => r.id)).toEqual(created.map((r) => r.id));

    const calls = sim.state.calls().filter((c) => c.method === 'PATCH');
    expect(calls.map((c) => [c.path, c.status, c.items])).toEqual([
      ['/services/data/v50.0/composite/sobjects/Contact/Syncline_Id__c', 200, 200],
      ['/services/data/v50.0/composite/sobjects/Contact/Syncline_Id__c', 200, 200],
    ]);
    const stored = sim.state.records('Contact') ?? [];
    expect(stored).toHaveLength(200);
    expect(stored[0]).toMatchObject({ Title: 'CTO', Name: 'Last c-0', IsDeleted: false });
    expect(stored[0].SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('refuses more than 200 records per call (EXCEEDED_ID_LIMIT) unless jsforce splits them', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `x-${i}`);
    const error = await captureRejection<JsforceError>(
      conn.sobject('Contact').upsert(contacts(ids), 'Syncline_Id__c'),
    );
    expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    const split = (await conn
      .sobject('Contact')
      .upsert(contacts(ids), 'Syncline_Id__c', { allowRecursive: true })) as SaveResult[];
    expect(split.filter((r) => r.success)).toHaveLength(201);
    // The refused call carried 201 records but processed none, so it counts 0 items.
    const patches = sim.state.calls().filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => [c.status, c.items])).toEqual([
      [400, 0],
      [200, 200],
      [200, 1],
    ]);
  });

  it('with allOrNone=false fails bad records one by one, with Salesforce status codes', async () => {
    const results = (await conn
      .sobject('Contact')
      .upsert(
        [
          ...contacts(['good-1']),
          { Syncline_Id__c: 'long', LastName: 'x'.repeat(81) },
          { Syncline_Id__c: 'no-last-name', FirstName: 'Ann' },
          { Syncline_Id__c: 'bad-email', LastName: 'B', Email: 'not-an-email' },
          { Syncline_Id__c: 'dup', LastName: 'D1' },
          { Syncline_Id__c: 'DUP', LastName: 'D2' },
          { Syncline_Id__c: 'read-only', LastName: 'R', Name: 'Computed' },
          ...contacts(['good-2']),
        ],
        'Syncline_Id__c',
        { allOrNone: false },
      )) as SaveResult[];
    expect(results.map((r) => (r.success ? 'ok' : r.errors[0].statusCode))).toEqual([
      'ok',
      'STRING_TOO_LONG',
      'REQUIRED_FIELD_MISSING',
      'INVALID_EMAIL_ADDRESS',
      'DUPLICATE_VALUE',
      'DUPLICATE_VALUE',
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'ok',
    ]);
    expect(results[1].errors[0]).toMatchObject({
      fields: ['LastName'],
      message: expect.stringContaining('(max length=80)') as unknown,
    });
    expect(results[2].errors[0]).toMatchObject({
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    expect(sim.state.records('Contact')?.map((r) => r.Syncline_Id__c)).toEqual([
      'good-1',
      'good-2',
    ]);
    expect(sim.state.calls().at(-1)).toMatchObject({ items: 8, itemErrors: 6 });
  });

  it('with allOrNone=true applies nothing when one record fails', async () => {
    const results = (await conn
      .sobject('Contact')
      .upsert(
        [...contacts(['a1', 'a2']), { Syncline_Id__c: 'a3', LastName: 'x'.repeat(100) }],
        'Syncline_Id__c',
        {
          allOrNone: true,
        },
      )) as SaveResult[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'STRING_TOO_LONG',
    ]);
    expect(results.every((r) => !r.success)).toBe(true);
    expect(sim.state.records('Contact')).toHaveLength(0);
  });

  it('fails the whole call for an unknown field or a non-external-ID upsert key (INVALID_FIELD)', async () => {
    const unknown = await captureRejection<JsforceError>(
      conn
        .sobject('Contact')
        .upsert([{ Syncline_Id__c: 'u', LastName: 'U', Shoe_Size__c: 42 }], 'Syncline_Id__c'),
    );
    expect(unknown.errorCode).toBe('INVALID_FIELD');
    expect(unknown.message).toContain("No such column 'Shoe_Size__c'");
    const notExternal = await captureRejection<JsforceError>(
      conn.sobject('Contact').upsert([{ Email: 'a@b.co', LastName: 'A' }], 'Email'),
    );
    expect(notExternal.errorCode).toBe('INVALID_FIELD');
    expect(sim.state.records('Contact')).toHaveLength(0);
  });

  it('fails UNABLE_TO_LOCK_ROW for injected records, transiently when the rule has times', async () => {
    sim.state.setFaults({
      recordErrors: [
        {
          objectType: 'Contact',
          field: 'Syncline_Id__c',
          equals: 'locked',
          code: 'UNABLE_TO_LOCK_ROW',
          times: 1,
        },
      ],
    });
    const first = (await conn
      .sobject('Contact')
      .upsert(contacts(['locked', 'free']), 'Syncline_Id__c')) as SaveResult[];
    expect(first[0].errors[0]).toMatchObject({
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: expect.stringContaining('unable to obtain exclusive access') as unknown,
    });
    expect(first[1].success).toBe(true);
    const retry = (await conn
      .sobject('Contact')
      .upsert(contacts(['locked']), 'Syncline_Id__c')) as SaveResult[];
    expect(retry[0]).toMatchObject({ success: true, created: true });
  });

  it('deletes with ONE composite DELETE; deleted records go to the recycle bin', async () => {
    const created = (await conn
      .sobject('Contact')
      .upsert(contacts(['d1', 'd2', 'd3']), 'Syncline_Id__c')) as SaveResult[];
    const ids = created.map((r) => r.id ?? '');
    const deleted = (await conn
      .sobject('Contact')
      .destroy([ids[0], ids[1], '003000000000000AAA', 'garbage'])) as SaveResult[];
    expect(deleted.map((r) => (r.success ? 'ok' : r.errors[0].statusCode))).toEqual([
      'ok',
      'ok',
      'INVALID_CROSS_REFERENCE_KEY',
      'MALFORMED_ID',
    ]);
    const call = sim.state.calls().find((c) => c.method === 'DELETE');
    expect(call).toMatchObject({
      path: '/services/data/v50.0/composite/sobjects',
      status: 200,
      items: 4,
      itemErrors: 2,
    });
    expect(call?.query).toContain(`ids=${ids[0]},${ids[1]}`);

    const again = (await conn.sobject('Contact').destroy([ids[0]])) as SaveResult[];
    expect(again[0].errors[0].statusCode).toBe('ENTITY_IS_DELETED');
    const recreated = (await conn
      .sobject('Contact')
      .upsert(contacts(['d1']), 'Syncline_Id__c')) as SaveResult[];
    expect(recreated[0]).toMatchObject({ success: true, created: true });
    expect(recreated[0].id).not.toBe(ids[0]);
    expect(sim.state.records('Contact')?.filter((r) => r.IsDeleted === true)).toHaveLength(2);
  });

  it('rolls back deletes with allOrNone=true', async () => {
    const [created] = (await conn
      .sobject('Contact')
      .upsert(contacts(['keep']), 'Syncline_Id__c')) as SaveResult[];
    const results = (await conn
      .sobject('Contact')
      .destroy([created.id ?? '', '003000000000000AAA'], { allOrNone: true })) as SaveResult[];
    expect(results.map((r) => r.errors[0].statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'INVALID_CROSS_REFERENCE_KEY',
    ]);
    expect(sim.state.records('Contact')?.[0].IsDeleted).toBe(false);
  });

  it('supports single-record create, retrieve (15- or 18-char id), update, upsert and delete', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Acme', NumberOfEmployees: 12 });
    expect(account.id).toMatch(/^0015g0000/);
    const fetched = await conn.sobject('Account').retrieve((account.id ?? '').slice(0, 15));
    expect(fetched).toMatchObject({
      Id: account.id,
      Name: 'Acme',
      NumberOfEmployees: 12,
      attributes: { type: 'Account' },
    });
    await conn.sobject('Account').update({ Id: account.id ?? '', Name: 'Acme Inc' });
    expect(sim.state.records('Account')?.[0].Name).toBe('Acme Inc');

    const first = (await conn.sobject('Opportunity').upsert(
      {
        Syncline_Id__c: 'o-1',
        Name: 'Deal',
        StageName: 'Prospecting',
        CloseDate: '2025-03-01',
        Amount: 100.5,
      },
      'Syncline_Id__c',
    )) as SaveResult;
    expect(first).toMatchObject({ success: true, created: true });
    expect(first.id).toMatch(/^0065g0000/);
    const second = (await conn
      .sobject('Opportunity')
      .upsert({ Syncline_Id__c: 'o-1', Amount: 200 }, 'Syncline_Id__c')) as SaveResult;
    expect(second).toMatchObject({ success: true, created: false, id: first.id });
    const badDate = await captureRejection<JsforceError>(
      conn
        .sobject('Opportunity')
        .upsert(
          { Syncline_Id__c: 'o-2', Name: 'X', StageName: 'Prospecting', CloseDate: 'soon' },
          'Syncline_Id__c',
        ),
    );
    expect(badDate.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');

    await conn.sobject('Opportunity').destroy(first.id ?? '');
    const gone = await captureRejection<JsforceError>(
      conn.sobject('Opportunity').retrieve(first.id ?? ''),
    );
    expect(gone.errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('describes objects with external-ID metadata and takes custom fields from the admin API', async () => {
    const describe = await conn.sobject('Contact').describe();
    expect(describe).toMatchObject({ name: 'Contact', keyPrefix: '003' });
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    expect(field('Syncline_Id__c')).toMatchObject({
      type: 'string',
      length: 255,
      externalId: true,
      unique: true,
      custom: true,
    });
    expect(field('LastName')).toMatchObject({ nillable: false, createable: true, length: 80 });
    expect(field('SystemModstamp')).toMatchObject({
      type: 'datetime',
      createable: false,
      updateable: false,
    });

    const response = await fetch(`${sim.url}/__sim/sobjects/Contact/fields`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Tier__c',
        type: 'picklist',
        picklistValues: ['Gold', 'Silver'],
        restrictedPicklist: true,
      }),
    });
    expect(response.status).toBe(201);
    const results = (await conn
      .sobject('Contact')
      .upsert(
        [
          ...contacts(['t1'], () => ({ Tier__c: 'Gold' })),
          ...contacts(['t2'], () => ({ Tier__c: 'Bronze' })),
        ],
        'Syncline_Id__c',
      )) as SaveResult[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      undefined,
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
    expect((await conn.sobject('Contact').describe()).fields.map((f) => f.name)).toContain(
      'Tier__c',
    );
  });

  it('inserts and updates collections by Id (POST/PATCH composite/sobjects)', async () => {
    const inserted = (await conn
      .sobject('Account')
      .create([{ Name: 'A' }, { Name: 'B' }, { Website: 'no name' }])) as SaveResult[];
    expect(inserted.map((r) => r.success)).toEqual([true, true, false]);
    const updated = (await conn.sobject('Account').update([
      { Id: inserted[0].id ?? '', Name: 'A2' },
      { Id: '001000000000000AAA', Name: 'ghost' },
    ])) as SaveResult[];
    expect(updated.map((r) => (r.success ? 'ok' : r.errors[0].statusCode))).toEqual([
      'ok',
      'INVALID_CROSS_REFERENCE_KEY',
    ]);
    const retrieved = (await conn
      .sobject('Account')
      .retrieve([inserted[0].id ?? '', inserted[1].id ?? ''], { fields: ['Name'] })) as {
      Name: string;
    }[];
    expect(retrieved.map((r) => r.Name)).toEqual(['A2', 'B']);
  });
});
