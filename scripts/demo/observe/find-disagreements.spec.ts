import type { CachedRecord } from '@syncline/cache';
import type { CanonicalRecord } from '@syncline/records';
import { MAPPING_DOCUMENTS } from '../scenario/mapping-documents';
import { findDisagreements } from './find-disagreements';

const id = '3f6c1a52-0000-4000-8000-000000000001';
const row: CanonicalRecord = {
  tenant_id: 'acme',
  id,
  version: 12,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  custom_fields: { plan: 'pro' },
};
const live: CachedRecord = {
  tenant: 'acme',
  entity: 'contact',
  id,
  deleted: false,
  version: 12,
  data: row,
};
const hubspot = {
  id: '101',
  deleted: false,
  properties: {
    syncline_id: id,
    email: 'ADA@example.com',
    firstname: 'Ada',
    lastname: 'Lovelace',
    syncline_plan: 'pro',
  },
};
const salesforce = {
  id: '003000000000001AAA',
  deleted: false,
  properties: {
    Syncline_Id__c: id,
    Email: 'ada@example.com',
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Plan__c: 'pro',
  },
};
const mappings = {
  hubspot: MAPPING_DOCUMENTS.hubspot.contact,
  salesforce: MAPPING_DOCUMENTS.salesforce.contact,
};

describe(findDisagreements.name, () => {
  it('finds none when Redis is at the row version and both CRMs hold the mapped values', () => {
    expect(
      findDisagreements({ postgres: row, redis: live, crm: { hubspot, salesforce } }, mappings),
    ).toEqual([]);
  });

  it('names a stale cache, a missing CRM record and a differing property', () => {
    const problems = findDisagreements(
      {
        postgres: row,
        redis: { ...live, version: 11 },
        crm: {
          hubspot: { ...hubspot, properties: { ...hubspot.properties, firstname: 'Edited' } },
        },
      },
      mappings,
    );
    expect(problems).toEqual([
      'Redis at v11, not v12',
      'HubSpot firstname is "Edited", not "Ada"',
      'Salesforce has no live record',
    ]);
  });

  it('expects a tombstone and archived CRM records once the row is gone', () => {
    const tombstone: CachedRecord = {
      tenant: 'acme',
      entity: 'contact',
      id,
      deleted: true,
      version: 13,
    };
    expect(
      findDisagreements(
        { redis: tombstone, crm: { hubspot: { ...hubspot, deleted: true } } },
        mappings,
      ),
    ).toEqual([]);
    expect(findDisagreements({ redis: live, crm: { salesforce } }, mappings)).toEqual([
      'Redis still holds v12',
      'Salesforce still holds it (003000000000001AAA)',
    ]);
  });
});
