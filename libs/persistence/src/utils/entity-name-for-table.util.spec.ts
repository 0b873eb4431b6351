import { ENTITY_NAMES } from '../constants/entity-names.constant';
import { ENTITY_REGISTRY } from '../constants/entity-registry.constant';
import { entityNameForTable } from './entity-name-for-table.util';

describe(entityNameForTable.name, () => {
  it('maps each synced table back to its entity name', () => {
    expect(entityNameForTable('companies')).toBe('company');
    expect(entityNameForTable('contacts')).toBe('contact');
    expect(entityNameForTable('deals')).toBe('deal');
  });

  it('returns undefined for tables System A does not sync', () => {
    expect(entityNameForTable('syncline_migrations')).toBeUndefined();
    expect(entityNameForTable('Companies')).toBeUndefined();
  });

  it('has one registry entry per entity name', () => {
    expect(Object.keys(ENTITY_REGISTRY).sort()).toEqual([...ENTITY_NAMES].sort());
  });
});
