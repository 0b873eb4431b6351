import { ConflictPolicy, EntityMapping } from '@syncline/mapping';
import { splitTwoWayDrift } from './split-two-way-drift.util';

// Warehouse bins of an inventory system synced to a custom CRM object: not the demo's schema.
const mapping = (conflictPolicy: ConflictPolicy): Pick<EntityMapping, 'fields' | 'inbound'> => ({
  fields: [
    { source: 'bin_code', target: 'bin_code__c' },
    { source: 'capacity', target: 'capacity__c', transform: 'integer' },
    {
      source: 'zone',
      target: 'zone__c',
      direction: 'both',
      transform: 'enum',
      enumMap: { a: 'A', b: 'B' },
    },
    { source: 'label', target: 'label__c', direction: 'both' },
    { source: 'audited_by', target: 'audited_by__c', direction: 'in' },
  ],
  inbound: { conflictPolicy, deletePolicy: 'ignore' },
});

describe(splitTwoWayDrift.name, () => {
  const known = { bin_code__c: 'B-01', capacity__c: 40, zone__c: 'A', label__c: 'cold' };

  it('repairs a both field the CRM still holds as last known (Postgres changed it)', () => {
    const crm = { zone__c: 'A', label__c: 'cold' };
    expect(splitTwoWayDrift(mapping('crm_wins'), ['zone__c'], crm, known)).toEqual({
      push: ['zone__c'],
      handOver: [],
    });
  });

  it('hands over a both field the CRM changed since, and pushes the out field alone', () => {
    const crm = { capacity__c: '35', zone__c: 'B', label__c: 'cold' };
    expect(splitTwoWayDrift(mapping('crm_wins'), ['capacity__c', 'zone__c'], crm, known)).toEqual({
      push: ['capacity__c'],
      handOver: ['zone__c'],
    });
    expect(
      splitTwoWayDrift(mapping('last_writer_wins'), ['capacity__c', 'zone__c'], crm, known),
    ).toEqual({ push: ['capacity__c'], handOver: ['zone__c'] });
  });

  it('hands over a both field when nothing is known of it', () => {
    expect(
      splitTwoWayDrift(mapping('crm_wins'), ['label__c'], { label__c: 'frozen' }, undefined),
    ).toEqual({ push: [], handOver: ['label__c'] });
    expect(
      splitTwoWayDrift(mapping('crm_wins'), ['label__c'], { label__c: 'frozen' }, { zone__c: 'A' }),
    ).toEqual({ push: [], handOver: ['label__c'] });
  });

  it("compares the CRM's value in forward form ('' and null are the same)", () => {
    const crm = { label__c: '' };
    expect(
      splitTwoWayDrift(mapping('crm_wins'), ['label__c'], crm, { ...known, label__c: null }),
    ).toEqual({ push: ['label__c'], handOver: [] });
  });

  it('pushes everything under postgres_wins and field_ownership (Postgres-owned fields)', () => {
    const crm = { capacity__c: '35', zone__c: 'B', label__c: 'frozen' };
    const differing = ['capacity__c', 'zone__c', 'label__c'];
    for (const policy of ['postgres_wins', 'field_ownership'] as const) {
      expect(splitTwoWayDrift(mapping(policy), differing, crm, known)).toEqual({
        push: differing,
        handOver: [],
      });
    }
  });

  it('pushes out fields even when the CRM changed them (they are not its to change)', () => {
    const crm = { bin_code__c: 'B-99' };
    expect(splitTwoWayDrift(mapping('crm_wins'), ['bin_code__c'], crm, known)).toEqual({
      push: ['bin_code__c'],
      handOver: [],
    });
  });
});
