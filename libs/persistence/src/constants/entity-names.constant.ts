/** The synced System A entities, as named in sync rules, mappings and cache keys. */
export const ENTITY_NAMES = ['company', 'contact', 'deal'] as const;
