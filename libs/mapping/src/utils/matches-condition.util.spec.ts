import { RowCondition } from '../types/sync-rules.type';
import { matchesCondition } from './matches-condition.util';

const DEAL = {
  id: 'd-1',
  stage: 'proposal',
  amount: '1250.50',
  employee_count: 40,
  close_date: '2024-03-01',
  updated_at: '2024-03-01T12:35:00.123Z',
  description: null,
  is_closed: false,
  custom_fields: { tier: 'gold', score: '7' },
};
const matches = (condition: RowCondition) => matchesCondition(DEAL, condition);

describe(matchesCondition.name, () => {
  it('eq / neq on strings, booleans and null', () => {
    expect(matches({ field: 'stage', op: 'eq', value: 'proposal' })).toBe(true);
    expect(matches({ field: 'stage', op: 'neq', value: 'proposal' })).toBe(false);
    expect(matches({ field: 'is_closed', op: 'eq', value: false })).toBe(true);
    expect(matches({ field: 'description', op: 'eq', value: null })).toBe(true);
    expect(matches({ field: 'nope', op: 'eq', value: null })).toBe(true);
    expect(matches({ field: 'nope', op: 'neq', value: 'x' })).toBe(true);
  });

  it('compares numeric strings numerically, not as text', () => {
    expect(matches({ field: 'amount', op: 'eq', value: 1250.5 })).toBe(true);
    expect(matches({ field: 'amount', op: 'eq', value: '1250.5' })).toBe(true);
    expect(matches({ field: 'amount', op: 'gt', value: 999 })).toBe(true); // "1250.50" < "999" as text
    expect(matches({ field: 'amount', op: 'gt', value: '1250.50' })).toBe(false);
    expect(matches({ field: 'amount', op: 'gte', value: '1250.50' })).toBe(true);
    expect(matches({ field: 'amount', op: 'lt', value: '10000' })).toBe(true);
    expect(matches({ field: 'employee_count', op: 'lte', value: '40.0' })).toBe(true);
    expect(matches({ field: 'custom_fields.score', op: 'gt', value: 10 })).toBe(false);
  });

  it('compares exactly beyond double precision', () => {
    const big = { id: 'x', amount: '12345678901234567891' };
    expect(
      matchesCondition(big, { field: 'amount', op: 'gt', value: '12345678901234567890' }),
    ).toBe(true);
  });

  it('compares ISO dates and timestamps lexically', () => {
    expect(matches({ field: 'close_date', op: 'gte', value: '2024-01-01' })).toBe(true);
    expect(matches({ field: 'close_date', op: 'lt', value: '2024-03-01' })).toBe(false);
    expect(matches({ field: 'updated_at', op: 'gt', value: '2024-03-01T12:00:00.000Z' })).toBe(
      true,
    );
  });

  it('ordering is false for absent, null or mismatched values', () => {
    expect(matches({ field: 'description', op: 'lt', value: 'z' })).toBe(false);
    expect(matches({ field: 'is_closed', op: 'lt', value: 1 })).toBe(false);
    expect(matches({ field: 'stage', op: 'gt', value: 1 })).toBe(false);
  });

  it('in / not_in', () => {
    expect(matches({ field: 'stage', op: 'in', value: ['proposal', 'won'] })).toBe(true);
    expect(matches({ field: 'stage', op: 'not_in', value: ['proposal', 'won'] })).toBe(false);
    expect(matches({ field: 'amount', op: 'in', value: [1250.5] })).toBe(true);
  });

  it('exists / not_exists treat null as absent; custom fields too', () => {
    expect(matches({ field: 'description', op: 'exists' })).toBe(false);
    expect(matches({ field: 'description', op: 'not_exists' })).toBe(true);
    expect(matches({ field: 'custom_fields.tier', op: 'exists' })).toBe(true);
    expect(matches({ field: 'custom_fields.plan', op: 'not_exists' })).toBe(true);
    expect(matches({ field: 'custom_fields.tier', op: 'eq', value: 'gold' })).toBe(true);
  });
});
