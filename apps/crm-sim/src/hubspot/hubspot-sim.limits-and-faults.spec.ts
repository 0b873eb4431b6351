import { Client } from '@hubspot/api-client';
import type { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningHubSpotSim } from './types/running-hubspot-sim.type';
import { startHubSpotSim } from './utils/start-hubspot-sim.util';

type RateLimitBody = {
  status: string;
  message: string;
  errorType: string;
  policyName: string;
  correlationId: string;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HubSpot sim: auth, rate limits, faults and the admin API', () => {
  let sim: RunningHubSpotSim;
  let client: Client;
  const upsertOne = (id: string, email = `${id}@example.com`) =>
    client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'email', id: email, properties: { firstname: id } }],
    });

  beforeAll(async () => {
    sim = await startHubSpotSim({
      accessTokens: ['pat-good'],
      limits: { daily: 1000, tenSecondly: 5, searchPerSecond: 2 },
    });
    client = new Client({ accessToken: 'pat-good', basePath: sim.url });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.state.reset());

  it('sends the X-HubSpot-RateLimit-* headers on every response', async () => {
    const first = await client.crm.contacts.batchApi.upsertWithHttpInfo({
      inputs: [{ idProperty: 'email', id: 'h1@example.com', properties: {} }],
    });
    const second = await client.crm.contacts.batchApi.upsertWithHttpInfo({
      inputs: [{ idProperty: 'email', id: 'h2@example.com', properties: {} }],
    });
    expect(first.headers).toMatchObject({
      'x-hubspot-ratelimit-daily': '1000',
      'x-hubspot-ratelimit-daily-remaining': '999',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-remaining': '4',
      'x-hubspot-ratelimit-secondly': '1',
    });
    expect(first.headers).toHaveProperty('x-hubspot-ratelimit-secondly-remaining');
    expect(second.headers['x-hubspot-ratelimit-remaining']).toBe('3');
    expect(second.headers['x-hubspot-ratelimit-daily-remaining']).toBe('998');
  });

  it('answers 429 TEN_SECONDLY_ROLLING with Retry-After past the 10-second limit; refusals cost no quota', async () => {
    for (let i = 0; i < 5; i += 1) await upsertOne(`ok${i}`);
    const error = await captureRejection<ApiException<RateLimitBody>>(upsertOne('over'));
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    expect(error.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const retryAfter = Number(error.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(sim.state.getLimits().dailyUsed).toBe(5);
    expect(sim.state.stats().throttled).toBe(1);
    expect(sim.state.records('contacts')).toHaveLength(5);
  });

  it('answers 429 DAILY once the daily quota is spent, with Retry-After until the day rolls over', async () => {
    sim.state.setLimits({ daily: 10, dailyUsed: 10 });
    const error = await captureRejection<ApiException<RateLimitBody>>(upsertOne('late'));
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({
      policyName: 'DAILY',
      message: 'You have reached your daily limit.',
    });
    const untilMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(Math.abs(Number(error.headers['retry-after']) - untilMidnight)).toBeLessThanOrEqual(2);
    expect(error.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
  });

  it('changes limits at runtime through POST /__sim/limits', async () => {
    const response = await fetch(`${sim.url}/__sim/limits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenSecondly: 1 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ tenSecondly: 1, daily: 1000 });
    await upsertOne('one');
    expect((await captureRejection<ApiException<unknown>>(upsertOne('two'))).code).toBe(429);
    const bad = await fetch(`${sim.url}/__sim/limits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"daily":-1}',
    });
    expect(bad.status).toBe(400);
  });

  it("limits search on its own per-second budget with the message the client's retry logic matches", async () => {
    const doSearch = () =>
      client.crm.contacts.searchApi.doSearch({
        filterGroups: [],
        sorts: [],
        properties: [],
        limit: 1,
        after: '0',
      });
    await doSearch();
    await doSearch();
    const error = await captureRejection<ApiException<RateLimitBody>>(doSearch());
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });
    await sleep(1_050);
    await expect(doSearch()).resolves.toMatchObject({ total: 0 });
  });

  it('rejects calls without a valid private-app token (401 INVALID_AUTHENTICATION)', async () => {
    for (const anonymous of [
      new Client({ basePath: sim.url }),
      new Client({ accessToken: 'pat-bad', basePath: sim.url }),
    ]) {
      const error = await captureRejection<ApiException<{ category: string; status: string }>>(
        anonymous.crm.contacts.basicApi.getById('1'),
      );
      expect(error.code).toBe(401);
      expect(error.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    }
  });

  it('fails every call with 503 during an outage window, then recovers', async () => {
    sim.state.setFaults({ outageMs: 300 });
    const error = await captureRejection<ApiException<{ category: string }>>(upsertOne('down'));
    expect(error.code).toBe(503);
    await sleep(350);
    await expect(upsertOne('up')).resolves.toMatchObject({ status: 'COMPLETE' });
    expect(sim.state.records('contacts').map((r) => r.properties.firstname)).toEqual(['up']);
  });

  it('resets connections in reset-mode outages (the client sees a network error, not an HTTP code)', async () => {
    sim.state.setFaults({ outageMs: 5_000, outageMode: 'reset' });
    const error = await captureRejection<Error & { code?: unknown }>(upsertOne('reset'));
    expect(typeof error.code).not.toBe('number');
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
    sim.state.clearFaults();
    expect(sim.state.stats().connectionResets).toBe(1);
    expect(sim.state.calls()[0].status).toBe(0);
  });

  it('runs 429 storms and 5xx error rates switched through /__sim/faults, cleared by DELETE', async () => {
    const post = (body: object) =>
      fetch(`${sim.url}/__sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ throttleMs: 10_000, throttleRetryAfterSeconds: 3 })).status).toBe(200);
    const throttled = await captureRejection<ApiException<RateLimitBody>>(upsertOne('storm'));
    expect(throttled.code).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3');
    expect(throttled.body.policyName).toBe('TEN_SECONDLY_ROLLING');

    expect((await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' })).status).toBe(204);
    await post({ errorRate: 1, errorStatus: 502 });
    expect((await captureRejection<ApiException<unknown>>(upsertOne('flaky'))).code).toBe(502);
    await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
    await expect(upsertOne('fine')).resolves.toMatchObject({ status: 'COMPLETE' });
    expect((await post({ errorRate: 2 })).status).toBe(400);
  });

  it('fails the records matching a rule (permanent, or transient with times) inside a 207', async () => {
    sim.state.setFaults({
      recordErrors: [
        {
          field: 'email',
          equals: 'poison@example.com',
          code: 'INVALID_EMAIL',
          message: 'Email address poison@example.com is invalid',
        },
        { field: 'firstname', equals: 'flaky', category: 'CONFLICT', times: 1 },
      ],
    });
    const batch = () =>
      client.crm.contacts.batchApi.upsert({
        inputs: [
          { idProperty: 'email', id: 'poison@example.com', properties: { firstname: 'p' } },
          { idProperty: 'email', id: 'flaky@example.com', properties: { firstname: 'flaky' } },
          { idProperty: 'email', id: 'fine@example.com', properties: { firstname: 'f' } },
        ],
      }) as Promise<{
        results: unknown[];
        errors?: { category: string; message: string; context: { ids: string[] } }[];
      }>;
    const first = await batch();
    expect(first.results).toHaveLength(1);
    expect(first.errors?.map((e) => [e.context.ids[0], e.category])).toEqual([
      ['poison@example.com', 'VALIDATION_ERROR'],
      ['flaky@example.com', 'CONFLICT'],
    ]);
    expect(first.errors?.[0].message).toBe('Email address poison@example.com is invalid');
    const retry = await batch();
    expect(retry.results).toHaveLength(2);
    expect(retry.errors?.map((e) => e.context.ids[0])).toEqual(['poison@example.com']);
  });

  it('exposes records, calls, stats, reset and Prometheus metrics without auth or limits', async () => {
    await upsertOne('seen');
    const bad = await fetch(`${sim.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: 'POST',
      headers: { authorization: 'Bearer pat-good', 'content-type': 'application/json' },
      body: '{"inputs": [',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });

    const records = (await (await fetch(`${sim.url}/__sim/records/contacts`)).json()) as {
      total: number;
    };
    expect(records.total).toBe(1);
    const future = (await (
      await fetch(`${sim.url}/__sim/records/contacts?updatedSince=${Date.now() + 60_000}`)
    ).json()) as { total: number };
    expect(future.total).toBe(0);
    const recent = (await (
      await fetch(`${sim.url}/__sim/records/contacts?updatedSince=${Date.now() - 60_000}`)
    ).json()) as { total: number };
    expect(recent.total).toBe(1);
    expect((await fetch(`${sim.url}/__sim/records/contacts?updatedSince=soon`)).status).toBe(400);
    const calls = (await (await fetch(`${sim.url}/__sim/calls`)).json()) as {
      results: { seq: number; status: number }[];
    };
    expect(calls.results.map((c) => c.status)).toEqual([200, 400]);
    // seq keeps growing across resets, so `since` works for a test that shares a sim.
    const since = (await (
      await fetch(`${sim.url}/__sim/calls?since=${calls.results[0].seq}`)
    ).json()) as { total: number };
    expect(since.total).toBe(1);
    expect(await (await fetch(`${sim.url}/__sim/stats`)).json()).toMatchObject({
      calls: 2,
      items: 1,
      byStatus: { '200': 1, '400': 1 },
    });
    const metrics = await (await fetch(`${sim.url}/metrics`)).text();
    expect(metrics).toContain(
      'crm_sim_requests_total{method="POST",route="/crm/v3/objects/:objectType/batch/upsert",status="200",sim="hubspot"} 1',
    );
    expect(metrics).toMatch(/crm_sim_records\{object="contacts",sim="hubspot"\} 1/);

    expect((await fetch(`${sim.url}/__sim/reset`, { method: 'POST' })).status).toBe(204);
    expect(sim.state.records('contacts')).toHaveLength(0);
    expect(sim.state.stats().calls).toBe(0);
  });
});
