import { Client } from '@hubspot/api-client';
import type {
  ApiException,
  BatchResponseSimplePublicUpsertObjectWithErrors,
} from '@hubspot/api-client/lib/codegen/crm/contacts';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningHubSpotSim } from './types/running-hubspot-sim.type';
import { startHubSpotSim } from './utils/start-hubspot-sim.util';

/** Inputs keyed by our own id, as a connector sends them. */
function inputs(ids: string[], extra: (id: string) => Record<string, string> = () => ({})) {
  return ids.map((id) => ({
    idProperty: 'syncline_id',
    id,
    properties: { email: `${id}@example.com`, firstname: `First ${id}`, ...extra(id) },
  }));
}

describe('HubSpot sim: CRM v3 batch and properties API via @hubspot/api-client', () => {
  let sim: RunningHubSpotSim;
  let client: Client;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
      limits: { tenSecondly: 10_000 },
    });
    client = new Client({ accessToken: 'pat-test', basePath: sim.url });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.state.reset());

  it('creates, then updates by the unique idProperty, 100 records in one call each time', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `u-${i}`);
    const first = await client.crm.contacts.batchApi.upsert({ inputs: inputs(ids) });
    expect(first.status).toBe('COMPLETE');
    expect(first.results).toHaveLength(100);
    expect(first.results.every((r) => r._new === true)).toBe(true);
    const idsByKey = new Map(first.results.map((r) => [r.properties.syncline_id, r.id]));

    const second = await client.crm.contacts.batchApi.upsert({
      inputs: inputs(ids, () => ({ lastname: 'Updated' })),
    });
    expect(second.results.every((r) => r._new === false)).toBe(true);
    expect(second.results.map((r) => r.id).sort()).toEqual([...idsByKey.values()].sort());

    const stored = sim.state.records('contacts');
    expect(stored).toHaveLength(100);
    expect(stored.every((r) => r.properties.lastname === 'Updated')).toBe(true);
    const upserts = sim.state
      .calls()
      .filter((c) => c.path === '/crm/v3/objects/contacts/batch/upsert');
    expect(upserts.map((c) => [c.status, c.items])).toEqual([
      [200, 100],
      [200, 100],
    ]);
  });

  it('maintains hs_object_id, createdate and a lastmodifieddate that moves on update', async () => {
    const [created] = (await client.crm.contacts.batchApi.upsert({ inputs: inputs(['a']) }))
      .results;
    expect(created.properties).toMatchObject({
      hs_object_id: created.id,
      syncline_id: 'a',
      email: 'a@example.com',
    });
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [updated] = (
      await client.crm.contacts.batchApi.upsert({
        inputs: inputs(['a'], () => ({ firstname: 'B' })),
      })
    ).results;
    expect(updated.properties.createdate).toBe(created.properties.createdate);
    expect(Date.parse(updated.properties.lastmodifieddate)).toBeGreaterThan(
      Date.parse(created.properties.lastmodifieddate),
    );
    expect(updated.properties.hs_lastmodifieddate).toBe(updated.properties.lastmodifieddate);
  });

  it('answers 207 with one VALIDATION_ERROR per bad input and applies the good ones', async () => {
    const response = (await client.crm.contacts.batchApi.upsert({
      inputs: [
        ...inputs(['ok-1']),
        { idProperty: 'syncline_id', id: 'bad-prop', properties: { no_such_property: 'x' } },
        {
          idProperty: 'syncline_id',
          id: 'bad-enum',
          properties: { lifecyclestage: 'not-a-stage' },
        },
        {
          idProperty: 'syncline_id',
          id: 'too-long',
          properties: { firstname: 'x'.repeat(65_537) },
        },
        { idProperty: 'syncline_id', id: 'bad-email', properties: { email: 'not-an-email' } },
        ...inputs(['ok-2']),
      ],
    })) as BatchResponseSimplePublicUpsertObjectWithErrors;

    expect(response.numErrors).toBe(4);
    expect(response.results.map((r) => r.properties.syncline_id).sort()).toEqual(['ok-1', 'ok-2']);
    const codes = Object.fromEntries(
      (response.errors ?? []).map((e) => [e.context?.ids?.[0], e.errors?.[0]?.code]),
    );
    expect(codes).toEqual({
      'bad-prop': 'PROPERTY_DOESNT_EXIST',
      'bad-enum': 'INVALID_OPTION',
      'too-long': 'VALUE_TOO_LONG',
      'bad-email': 'INVALID_EMAIL',
    });
    expect(
      response.errors?.every((e) => e.category === 'VALIDATION_ERROR' && e.status === 'error'),
    ).toBe(true);
    expect(response.errors?.[0].message).toMatch(/^Property values were not valid: \[/);
    expectStandardErrors(response.errors);
    expect(sim.state.calls().at(-1)).toMatchObject({ status: 207, items: 6, itemErrors: 4 });
  });

  it('rejects a batch with duplicate ids or more than 100 inputs as a whole (400)', async () => {
    const duplicate = await captureRejection<ApiException<{ category: string }>>(
      client.crm.contacts.batchApi.upsert({ inputs: inputs(['same', 'same']) }),
    );
    expect(duplicate.code).toBe(400);
    expect(duplicate.body.category).toBe('VALIDATION_ERROR');

    const tooMany = await captureRejection<ApiException<{ message: string }>>(
      client.crm.contacts.batchApi.upsert({
        inputs: inputs(Array.from({ length: 101 }, (_, i) => `n${i}`)),
      }),
    );
    expect(tooMany.code).toBe(400);
    expect(sim.state.records('contacts')).toHaveLength(0);
  });

  it('refuses to upsert by a property that is not unique', async () => {
    const error = await captureRejection<ApiException<{ message: string }>>(
      client.crm.contacts.batchApi.upsert({
        inputs: [{ idProperty: 'firstname', id: 'Ann', properties: {} }],
      }),
    );
    expect(error.code).toBe(400);
    expect(error.body.message).toContain('non-unique');
  });

  it('batch-reads by idProperty, returning requested properties and a 207 for missing ids', async () => {
    await client.crm.contacts.batchApi.upsert({ inputs: inputs(['r1', 'r2']) });
    const response = await client.crm.contacts.batchApi.read({
      idProperty: 'syncline_id',
      inputs: [{ id: 'r1' }, { id: 'r2' }, { id: 'missing' }],
      properties: ['syncline_id', 'lastname'],
      propertiesWithHistory: [],
    });
    expect(response.results.map((r) => r.properties.syncline_id).sort()).toEqual(['r1', 'r2']);
    expect(response.results[0].properties).toHaveProperty('lastname', null);
    expect(response.results[0].properties).toHaveProperty('hs_object_id');
    const withErrors = response as typeof response & {
      errors?: { category: string; context: { ids: string[] } }[];
    };
    expect(withErrors.errors?.[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['missing'] },
    });
    expectStandardErrors(withErrors.errors);
  });

  it('archives in batch (204): archived records leave reads and free their unique value', async () => {
    const [record] = (await client.crm.contacts.batchApi.upsert({ inputs: inputs(['gone']) }))
      .results;
    await client.crm.contacts.batchApi.archive({ inputs: [{ id: record.id }, { id: '999999' }] });

    const getError = await captureRejection<ApiException<{ category: string }>>(
      client.crm.contacts.basicApi.getById(record.id),
    );
    expect(getError.code).toBe(404);
    expect(getError.body.category).toBe('OBJECT_NOT_FOUND');
    const archived = await client.crm.contacts.basicApi.getById(
      record.id,
      undefined,
      undefined,
      undefined,
      true,
    );
    expect(archived.archived).toBe(true);

    const [again] = (await client.crm.contacts.batchApi.upsert({ inputs: inputs(['gone']) }))
      .results;
    expect(again._new).toBe(true);
    expect(again.id).not.toBe(record.id);
    expect(sim.state.calls().find((c) => c.path.endsWith('/batch/archive'))).toMatchObject({
      status: 204,
      items: 2,
    });
  });

  it('reads, updates and archives single objects by id or idProperty', async () => {
    await client.crm.contacts.batchApi.upsert({ inputs: inputs(['single']) });
    const byKey = await client.crm.contacts.basicApi.getById(
      'single',
      ['syncline_id'],
      undefined,
      undefined,
      false,
      'syncline_id',
    );
    expect(byKey.properties.syncline_id).toBe('single');
    const updated = await client.crm.contacts.basicApi.update(
      'single',
      { properties: { lastname: 'Patched' } },
      'syncline_id',
    );
    expect(updated.properties.lastname).toBe('Patched');
    await client.crm.contacts.basicApi.archive(byKey.id);
    expect(sim.state.records('contacts')[0].archived).toBe(true);
  });

  it('lists and creates properties, with hasUniqueValue identity properties (409 on duplicates)', async () => {
    const before = await client.crm.properties.coreApi.getAll('contacts');
    expect(before.results.map((p) => p.name)).toEqual(
      expect.arrayContaining(['email', 'hs_object_id', 'lastmodifieddate']),
    );

    const created = await client.crm.properties.coreApi.create('companies', {
      name: 'syncline_id',
      label: 'Syncline ID',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'companyinformation',
      hasUniqueValue: true,
    });
    expect(created).toMatchObject({
      name: 'syncline_id',
      hasUniqueValue: true,
      hubspotDefined: false,
    });
    const conflict = await captureRejection<ApiException<{ category: string }>>(
      client.crm.properties.coreApi.create('companies', {
        name: 'syncline_id',
        label: 'again',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'companyinformation',
      }),
    );
    expect(conflict.code).toBe(409);

    const upserted = await client.crm.companies.batchApi.upsert({
      inputs: [
        {
          idProperty: 'syncline_id',
          id: 'co-1',
          properties: { name: 'Acme', numberofemployees: '12' },
        },
      ],
    });
    expect(upserted.results[0].properties).toMatchObject({ syncline_id: 'co-1', name: 'Acme' });
  });

  it('enforces property types: numbers, enumerations and midnight-only dates', async () => {
    await client.crm.properties.coreApi.create('deals', {
      name: 'syncline_id',
      label: 'Syncline ID',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'dealinformation',
      hasUniqueValue: true,
    });
    await client.crm.properties.coreApi.create('deals', {
      name: 'renewal_date',
      label: 'Renewal',
      type: 'date' as never,
      fieldType: 'date' as never,
      groupName: 'dealinformation',
    });
    const response = (await client.crm.deals.batchApi.upsert({
      inputs: [
        {
          idProperty: 'syncline_id',
          id: 'd1',
          properties: { amount: '12.5', dealstage: 'closedwon', renewal_date: '2025-01-01' },
        },
        { idProperty: 'syncline_id', id: 'd2', properties: { amount: 'twelve' } },
        {
          idProperty: 'syncline_id',
          id: 'd3',
          properties: { renewal_date: '2025-01-01T10:00:00Z' },
        },
      ],
    })) as BatchResponseSimplePublicUpsertObjectWithErrors;
    expect(response.results.map((r) => r.properties.syncline_id)).toEqual(['d1']);
    expect(response.results[0].properties.renewal_date).toBe('2025-01-01');
    expect(response.errors?.map((e) => e.errors?.[0]?.code).sort()).toEqual([
      'INVALID_DATE',
      'INVALID_INTEGER',
    ]);
  });

  it('accepts any object type name, and the 0-1 style ids for the standard ones', async () => {
    const custom = await client.crm.objects.batchApi.upsert('p_widgets', {
      inputs: [{ idProperty: 'hs_object_id', id: '1', properties: {} }],
    });
    expect((custom as BatchResponseSimplePublicUpsertObjectWithErrors).numErrors).toBe(1);
    const created = await client.crm.objects.basicApi.create('p_widgets', {
      properties: { name: 'w' },
      associations: [],
    });
    expect(created.properties.name).toBe('w');
    expect(sim.state.records('p_widgets')).toHaveLength(1);

    await client.crm.objects.batchApi.upsert('0-1', { inputs: inputs(['via-type-id']) });
    expect(sim.state.records('contacts')).toHaveLength(1);
  });

  it('keeps upserts index-backed: 2,000 records re-upserted in 20 calls stay 2,000 records', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `bulk-${i}`);
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < ids.length; i += 100) {
        await client.crm.contacts.batchApi.upsert({ inputs: inputs(ids.slice(i, i + 100)) });
      }
    }
    expect(sim.state.records('contacts')).toHaveLength(2000);
    expect(sim.state.stats()).toMatchObject({ calls: 40, items: 4000, itemErrors: 0 });
  });
});

/** Every field HubSpot's public spec marks required on a StandardError is there. */
function expectStandardErrors(errors: unknown[] | undefined): void {
  expect(errors?.length).toBeGreaterThan(0);
  for (const error of errors ?? []) {
    expect(error).toEqual(
      expect.objectContaining({
        status: 'error',
        category: expect.any(String),
        message: expect.any(String),
        context: expect.any(Object),
        errors: expect.any(Array),
        links: expect.any(Object),
      }),
    );
  }
}
