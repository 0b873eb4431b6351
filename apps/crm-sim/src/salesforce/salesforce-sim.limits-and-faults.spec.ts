import { Connection } from 'jsforce';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningSalesforceSim } from './types/running-salesforce-sim.type';
import { startSalesforceSim } from './utils/start-salesforce-sim.util';

type JsforceError = Error & { errorCode: string; code?: string };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Salesforce sim: sessions, API limits, faults and the admin API', () => {
  let sim: RunningSalesforceSim;
  let conn: Connection;
  const upsert = (id: string) =>
    conn.sobject('Contact').upsert([{ Syncline_Id__c: id, LastName: id }], 'Syncline_Id__c');

  beforeAll(async () => {
    sim = await startSalesforceSim({ limits: { dailyApiRequests: 1000 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.state.reset();
    conn = new Connection({ instanceUrl: sim.url, accessToken: 'syncline-sim-token' });
  });

  it('reports usage in Sforce-Limit-Info on every API response, which jsforce parses into limitInfo', async () => {
    await upsert('one');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 1, limit: 1000 } });
    await conn.query('SELECT Id FROM Contact');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 1000 } });
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 1000, Remaining: 997 });
    const raw = await fetch(`${sim.url}/services/data/v62.0/sobjects/Contact/003000000000000AAA`, {
      headers: { authorization: 'Bearer syncline-sim-token' },
    });
    expect(raw.status).toBe(404);
    expect(raw.headers.get('sforce-limit-info')).toBe('api-usage=4/1000');
  });

  it('refuses calls past the daily limit with 403 REQUEST_LIMIT_EXCEEDED', async () => {
    sim.state.setLimits({ dailyApiRequests: 10, apiUsage: 9 });
    await upsert('last');
    const error = await captureRejection<JsforceError>(upsert('over'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toBe('TotalRequests Limit exceeded.');
    expect(sim.state.calls().at(-1)?.status).toBe(403);
    expect(sim.state.stats().limitExceeded).toBe(1);
    expect(sim.state.records('Contact')?.map((r) => r.Syncline_Id__c)).toEqual(['last']);
  });

  it('refuses calls over the concurrency limit with REQUEST_LIMIT_EXCEEDED (ConcurrentPerOrgLongTxn)', async () => {
    sim.state.setLimits({ maxConcurrent: 1 });
    sim.state.setFaults({ latencyMs: 150 });
    const outcomes = await Promise.allSettled([upsert('p1'), upsert('p2')]);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0].reason as JsforceError).message).toBe(
      'ConcurrentPerOrgLongTxn Limit exceeded.',
    );
  });

  it('answers 401 INVALID_SESSION_ID once sessions expire', async () => {
    sim.state.expireSessions();
    const error = await captureRejection<JsforceError>(upsert('x'));
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect(error.message).toBe('Session expired or invalid');
  });

  it('lets a client-credentials connection re-authenticate through refreshFn after a 401', async () => {
    const oauth2 = {
      loginUrl: sim.url,
      clientId: 'syncline-sim',
      clientSecret: 'syncline-sim-secret',
    };
    // Without refreshFn, jsforce tries a refresh-token refresh, which client credentials never get.
    const plain = new Connection({ oauth2 });
    await plain.authorize({ grant_type: 'client_credentials' });
    sim.state.expireSessions();
    const error = await captureRejection<Error>(plain.query('SELECT Id FROM Contact'));
    expect(error.message).toContain('No refresh token found');

    const renewing = new Connection({
      oauth2,
      refreshFn: (c, callback) => {
        c.oauth2.requestToken({ grant_type: 'client_credentials' }).then(
          (token) => {
            callback(undefined, token.access_token, token);
          },
          (e: Error) => {
            callback(e);
          },
        );
      },
    });
    await renewing.authorize({ grant_type: 'client_credentials' });
    sim.state.expireSessions();
    await expect(renewing.query('SELECT Id FROM Contact')).resolves.toMatchObject({ totalSize: 0 });
    expect(
      sim.state
        .calls()
        .slice(-3)
        .map((c) => `${c.method} ${c.path} ${c.status}`),
    ).toEqual([
      'GET /services/data/v50.0/query 401',
      'POST /services/oauth2/token 200',
      'GET /services/data/v50.0/query 200',
    ]);
  });

  it('fails writes during an outage (jsforce does not retry PATCH) and accepts them afterwards', async () => {
    sim.state.setFaults({ outageMs: 300 });
    const error = await captureRejection<JsforceError>(upsert('down'));
    expect(error.errorCode).toBe('SERVER_UNAVAILABLE');
    await sleep(350);
    const [result] = (await upsert('up')) as { success: boolean }[];
    expect(result.success).toBe(true);
    expect(sim.state.calls().map((c) => c.status)).toEqual([503, 200]);
  });

  it("rides out a short outage on GET thanks to jsforce's own retry (500 ms first backoff)", async () => {
    sim.state.setFaults({ outageMs: 200 });
    const result = await conn.query('SELECT Id FROM Contact');
    expect(result.totalSize).toBe(0);
    expect(sim.state.calls().map((c) => c.status)).toEqual([503, 200]);
  });

  it('resets connections in reset-mode outages', async () => {
    sim.state.setFaults({ outageMs: 5_000, outageMode: 'reset' });
    const error = await captureRejection<JsforceError>(upsert('reset'));
    expect(error.code).toBe('ECONNRESET');
    sim.state.clearFaults();
    expect(sim.state.stats().connectionResets).toBe(1);
  });

  it('has no 429 storm (Salesforce REST never answers 429) and fails with 5xx at the configured rate', async () => {
    expect(() => sim.state.setFaults({ throttleMs: 10_000 })).toThrow(/never answers 429/);
    const refused = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ throttleMs: 10_000 }),
    });
    expect(refused.status).toBe(400);
    expect(await upsert('not-throttled')).toEqual([expect.objectContaining({ success: true })]);

    sim.state.setFaults({ errorRate: 1 });
    const failed = await captureRejection<JsforceError>(upsert('boom'));
    expect(failed.errorCode).toBe('UNKNOWN_EXCEPTION');
    expect(sim.state.stats()).toMatchObject({ throttled: 0, byStatus: { '500': 1 } });
    expect(sim.state.stats().byStatus).not.toHaveProperty('429');
  });

  it('serves only supported API versions and the admin API without a session', async () => {
    const old = await fetch(`${sim.url}/services/data/v20.0/sobjects`, {
      headers: { authorization: 'Bearer syncline-sim-token' },
    });
    expect(old.status).toBe(404);
    expect(await old.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
    const v45 = new Connection({
      instanceUrl: sim.url,
      accessToken: 'syncline-sim-token',
      version: '45.0',
    });
    // Below 46.0 jsforce upserts one record per request, by PATCH /sobjects/{type}/{field}/{value}.
    await v45
      .sobject('Contact')
      .upsert([{ Syncline_Id__c: 'v45', LastName: 'Old' }], 'Syncline_Id__c');
    expect(sim.state.calls().at(-1)?.path).toBe(
      '/services/data/v45.0/sobjects/Contact/Syncline_Id__c/v45',
    );

    const records = (await (await fetch(`${sim.url}/__sim/records/Contact`)).json()) as {
      total: number;
    };
    expect(records.total).toBe(1);
    expect((await fetch(`${sim.url}/__sim/records/Nope`)).status).toBe(404);
    const metrics = await (await fetch(`${sim.url}/metrics`)).text();
    expect(metrics).toContain('sim="salesforce"');
    expect(metrics).toMatch(/crm_sim_records\{object="Contact",sim="salesforce"\} 1/);
  });
});
