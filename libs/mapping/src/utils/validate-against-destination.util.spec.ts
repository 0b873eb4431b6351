import { MappingFailedException } from '../exceptions/mapping-failed.exception';
import { DestinationProperty } from '../types/destination-property.type';
import { MappedRecord } from '../types/mapped-record.type';
import { validateAgainstDestination } from './validate-against-destination.util';

// HubSpot contacts as `describe('contacts')` reports them.
const PROPERTIES: DestinationProperty[] = [
  { name: 'syncline_id', type: 'string', unique: true, maxLength: 64 },
  { name: 'email', type: 'string', maxLength: 320 },
  { name: 'firstname', type: 'string', maxLength: 5 },
  { name: 'lead_score', type: 'number' },
  { name: 'hs_do_not_contact', type: 'boolean' },
  { name: 'closedate', type: 'date' },
  { name: 'notes_last_contacted', type: 'datetime' },
  { name: 'lifecyclestage', type: 'enumeration', options: ['lead', 'customer'] },
  { name: 'interests', type: 'enumeration', options: ['a', 'b', 'c'] },
  { name: 'hs_object_id', type: 'id', readOnly: true },
  { name: 'LastName', type: 'string', required: true },
];

const record = (properties: MappedRecord['properties']): MappedRecord => ({
  identity: 'c-1',
  properties,
});

function issuesOf(mapped: MappedRecord, identityProperty?: string) {
  try {
    validateAgainstDestination(mapped, PROPERTIES, identityProperty);
  } catch (error) {
    if (error instanceof MappingFailedException) return error.issues;
    throw error;
  }
  return [];
}

describe(validateAgainstDestination.name, () => {
  it('accepts a record every property of which the destination takes', () => {
    expect(
      issuesOf(
        record({
          email: 'ada@example.com',
          firstname: 'Ada',
          lead_score: 1250.5,
          hs_do_not_contact: false,
          closedate: 1709251200000,
          notes_last_contacted: '2024-03-01T12:34:56.789Z',
          lifecyclestage: 'customer',
          interests: 'a;c',
          lastname: 'Lovelace', // Salesforce-style case-insensitive match of LastName
        }),
        'syncline_id',
      ),
    ).toEqual([]);
  });

  it('accepts exact decimal strings for numbers and YYYY-MM-DD for dates', () => {
    expect(issuesOf(record({ lead_score: '1250.50', closedate: '2024-03-01' }))).toEqual([]);
  });

  it('lists every bad property with its reason', () => {
    const issues = issuesOf(
      record({
        plan: 'gold',
        hs_object_id: '123',
        firstname: 'Augusta',
        lead_score: 'high',
        hs_do_not_contact: 'no',
        closedate: 1709296496789,
        lifecyclestage: 'churned',
        LastName: null,
      }),
    );
    expect(issues).toEqual([
      { path: 'plan', message: 'is not a property of the destination object' },
      { path: 'hs_object_id', message: 'is read-only at the destination' },
      { path: 'firstname', message: 'is 7 characters long; the destination allows 5' },
      { path: 'lead_score', message: '"high" is not a number' },
      { path: 'hs_do_not_contact', message: '"no" is not a boolean' },
      {
        path: 'closedate',
        message: '1709296496789 is not a date (YYYY-MM-DD or UTC midnight in epoch ms)',
      },
      { path: 'lifecyclestage', message: '"churned" is not one of the options: lead, customer' },
      { path: 'LastName', message: 'is required at the destination but the value is null' },
    ]);
  });

  it('throws a permanent MAPPING_FAILED error naming the properties', () => {
    let thrown: unknown;
    try {
      validateAgainstDestination(record({ plan: 'gold' }), PROPERTIES);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MappingFailedException);
    expect(thrown).toMatchObject({
      code: 'MAPPING_FAILED',
      retriable: false,
      message:
        'mapped record does not fit the destination: plan: is not a property of the destination object',
    });
  });

  it('counts length in code points', () => {
    expect(issuesOf(record({ firstname: '😀😀😀😀😀' }))).toEqual([]);
  });

  it('checks the identity property when given', () => {
    expect(issuesOf(record({}), 'external_id')).toEqual([
      { path: 'external_id', message: 'identity property does not exist at the destination' },
    ]);
    expect(issuesOf({ identity: 'x'.repeat(65), properties: {} }, 'syncline_id')).toEqual([
      { path: 'syncline_id', message: 'is 65 characters long; the destination allows 64' },
    ]);
  });
});
