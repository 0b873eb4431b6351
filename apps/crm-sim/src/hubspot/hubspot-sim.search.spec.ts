import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type {
  ApiException,
  PublicObjectSearchRequest,
} from '@hubspot/api-client/lib/codegen/crm/contacts';
import { captureRejection } from '../common/utils/capture-rejection.util';
import type { RunningHubSpotSim } from './types/running-hubspot-sim.type';
import { startHubSpotSim } from './utils/start-hubspot-sim.util';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function search(overrides: Partial<PublicObjectSearchRequest>): PublicObjectSearchRequest {
  return { filterGroups: [], sorts: [], properties: [], limit: 10, after: '0', ...overrides };
}

describe('HubSpot sim: CRM search via @hubspot/api-client', () => {
  let sim: RunningHubSpotSim;
  let client: Client;

  beforeAll(async () => {
    sim = await startHubSpotSim({
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
      limits: { tenSecondly: 10_000, searchPerSecond: 1_000 },
    });
    client = new Client({ accessToken: 'pat-test', basePath: sim.url });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.state.reset());

  async function upsert(ids: string[], extra: Record<string, string> = {}): Promise<void> {
    await client.crm.contacts.batchApi.upsert({
      inputs: ids.map((id) => ({
        idProperty: 'syncline_id',
        id,
        properties: { email: `${id}@example.com`, ...extra },
      })),
    });
  }

  it('finds records modified after a watermark, paging with after until paging.next is gone', async () => {
    const all = Array.from({ length: 25 }, (_, i) => `w-${String(i).padStart(2, '0')}`);
    await upsert(all);
    await sleep(5);
    const watermark = Date.now();
    await sleep(5);
    const changed = ['w-03', 'w-07', 'w-11', 'w-19', 'w-24'];
    await upsert(changed, { lastname: 'Changed' });

    const seen: string[] = [];
    let after: string | undefined = '0';
    let pages = 0;
    while (after !== undefined) {
      const page = await client.crm.contacts.searchApi.doSearch(
        search({
          filterGroups: [
            {
              filters: [
                {
                  propertyName: 'lastmodifieddate',
                  operator: FilterOperatorEnum.Gt,
                  value: String(watermark),
                },
              ],
            },
          ],
          sorts: ['lastmodifieddate'],
          properties: ['syncline_id', 'lastname'],
          limit: 2,
          after,
        }),
      );
      expect(page.total).toBe(5);
      seen.push(...page.results.map((r) => r.properties.syncline_id ?? ''));
      after = page.paging?.next?.after;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(changed);
  });

  it('takes ISO datetimes too, and GTE/LT/LTE/BETWEEN bounds on lastmodifieddate', async () => {
    await upsert(['t1']);
    const [record] = sim.state.records('contacts');
    const at = record.properties.lastmodifieddate ?? '';
    const count = async (operator: FilterOperatorEnum, value: string, highValue?: string) =>
      (
        await client.crm.contacts.searchApi.doSearch(
          search({
            filterGroups: [
              { filters: [{ propertyName: 'lastmodifieddate', operator, value, highValue }] },
            ],
          }),
        )
      ).total;
    expect(await count(FilterOperatorEnum.Gte, at)).toBe(1);
    expect(await count(FilterOperatorEnum.Gt, at)).toBe(0);
    expect(await count(FilterOperatorEnum.Lte, String(Date.parse(at)))).toBe(1);
    expect(await count(FilterOperatorEnum.Lt, at)).toBe(0);
    expect(await count(FilterOperatorEnum.Eq, at)).toBe(1);
    expect(
      await count(
        FilterOperatorEnum.Between,
        String(Date.parse(at) - 1),
        String(Date.parse(at) + 1),
      ),
    ).toBe(1);
  });

  it('supports EQ (case-insensitive), IN, HAS_PROPERTY and OR across filter groups', async () => {
    await upsert(['a', 'b', 'c']);
    await upsert(['d'], { lastname: 'Only' });
    const ids = async (request: PublicObjectSearchRequest) =>
      (
        await client.crm.contacts.searchApi.doSearch({ ...request, properties: ['syncline_id'] })
      ).results
        .map((r) => r.properties.syncline_id)
        .sort();

    expect(
      await ids(
        search({
          filterGroups: [
            {
              filters: [
                { propertyName: 'email', operator: FilterOperatorEnum.Eq, value: 'A@EXAMPLE.COM' },
              ],
            },
          ],
        }),
      ),
    ).toEqual(['a']);
    expect(
      await ids(
        search({
          filterGroups: [
            {
              filters: [
                {
                  propertyName: 'syncline_id',
                  operator: FilterOperatorEnum.In,
                  values: ['b', 'c', 'zzz'],
                },
              ],
            },
          ],
        }),
      ),
    ).toEqual(['b', 'c']);
    expect(
      await ids(
        search({
          filterGroups: [
            { filters: [{ propertyName: 'lastname', operator: FilterOperatorEnum.HasProperty }] },
          ],
        }),
      ),
    ).toEqual(['d']);
    expect(
      await ids(
        search({
          filterGroups: [
            {
              filters: [{ propertyName: 'lastname', operator: FilterOperatorEnum.NotHasProperty }],
            },
          ],
        }),
      ),
    ).toEqual(['a', 'b', 'c']);
    expect(
      await ids(
        search({
          filterGroups: [
            {
              filters: [
                { propertyName: 'syncline_id', operator: FilterOperatorEnum.Eq, value: 'a' },
              ],
            },
            {
              filters: [
                { propertyName: 'syncline_id', operator: FilterOperatorEnum.Eq, value: 'd' },
              ],
            },
          ],
        }),
      ),
    ).toEqual(['a', 'd']);
  });

  it('sorts descending with the object form of sorts', async () => {
    await upsert(['s1', 's2', 's3']);
    const page = await client.crm.contacts.searchApi.doSearch(
      search({
        sorts: [{ propertyName: 'syncline_id', direction: 'DESCENDING' }] as never,
        properties: ['syncline_id'],
      }),
    );
    expect(page.results.map((r) => r.properties.syncline_id)).toEqual(['s3', 's2', 's1']);
  });

  it('returns the default properties when none are requested', async () => {
    await upsert(['p1'], { lastname: 'L', jobtitle: 'CTO' });
    const page = await client.crm.contacts.searchApi.doSearch(search({ properties: undefined }));
    expect(Object.keys(page.results[0].properties).sort()).toEqual([
      'createdate',
      'email',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
      'lastname',
    ]);
  });

  it('rejects a limit over 200, paging past 10,000 results and unknown filter properties (400)', async () => {
    for (const request of [
      search({ limit: 201 }),
      search({ after: '10000' }),
      search({
        filterGroups: [
          { filters: [{ propertyName: 'nope', operator: FilterOperatorEnum.Eq, value: 'x' }] },
        ],
      }),
    ]) {
      const error = await captureRejection<ApiException<{ category: string }>>(
        client.crm.contacts.searchApi.doSearch(request),
      );
      expect(error.code).toBe(400);
      expect(error.body.category).toBe('VALIDATION_ERROR');
    }
  });

  it('never searches archived records', async () => {
    await upsert(['live', 'archived']);
    const archived = sim.state
      .records('contacts')
      .find((r) => r.properties.syncline_id === 'archived');
    await client.crm.contacts.batchApi.archive({ inputs: [{ id: archived?.id ?? '' }] });
    const page = await client.crm.contacts.searchApi.doSearch(
      search({ properties: ['syncline_id'] }),
    );
    expect(page.results.map((r) => r.properties.syncline_id)).toEqual(['live']);
  });
});
