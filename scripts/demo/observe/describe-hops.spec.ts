import { MAPPING_DOCUMENTS } from '../scenario/mapping-documents';
import { describeHops } from './describe-hops';

const mappings = {
  hubspot: MAPPING_DOCUMENTS.hubspot.contact,
  salesforce: MAPPING_DOCUMENTS.salesforce.contact,
};
const row = {
  id: 'c1',
  version: 7,
  first_name: 'Ada',
  last_name: 'Lovelace',
  custom_fields: { plan: 'pro' },
};

describe(describeHops.name, () => {
  it('summarises each hop by the same fields, under each CRM its own property names', () => {
    expect(
      describeHops(
        'contact',
        {
          postgres: row,
          redis: {
            tenant: 't',
            entity: 'contact',
            id: 'c1',
            deleted: false,
            version: 7,
            data: row,
          },
          crm: {
            hubspot: {
              id: '11',
              deleted: false,
              properties: { firstname: 'Ada', lastname: 'Lovelace', syncline_plan: 'pro' },
            },
          },
        },
        mappings,
      ),
    ).toEqual({
      postgres: 'v7 Ada · Lovelace · pro',
      redis: 'v7 Ada · Lovelace · pro',
      hubspot: 'Ada · Lovelace · pro',
      salesforce: 'no record',
    });
  });

  it('shows deletes as a missing row, a tombstone and an archived record', () => {
    expect(
      describeHops(
        'contact',
        {
          redis: { tenant: 't', entity: 'contact', id: 'c1', deleted: true, version: 9 },
          crm: { salesforce: { id: '003A', deleted: true, properties: {} } },
        },
        mappings,
      ),
    ).toEqual({
      postgres: 'no row (deleted)',
      redis: 'tombstone v9',
      hubspot: 'no record',
      salesforce: 'archived (id 003A)',
    });
  });
});
