import { mapRecord, type EntityMapping } from '@syncline/mapping';
import { valuesMatch } from '@syncline/reconcile';
import type { CrmKind } from '../scenario/mapping-documents';
import type { HopStates } from './hop-states.type';

export const CRM_NAMES: Record<CrmKind, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/**
 * What keeps a record's hops from agreeing with Postgres (empty when they agree): Redis at the
 * row's version, each CRM holding the mapped values (types normalised as the reconciler does);
 * for a deleted row, a tombstone (or nothing) in Redis and an archived (or no) CRM record.
 */
export function findDisagreements(
  states: HopStates,
  mappings: Readonly<Partial<Record<CrmKind, Pick<EntityMapping, 'identity' | 'fields'>>>>,
): string[] {
  const problems: string[] = [];
  const { postgres, redis } = states;
  const crms = Object.keys(mappings) as CrmKind[];
  if (!postgres) {
    if (redis && !redis.deleted) problems.push(`Redis still holds v${redis.version}`);
    for (const kind of crms) {
      const held = states.crm[kind];
      if (held && !held.deleted) problems.push(`${CRM_NAMES[kind]} still holds it (${held.id})`);
    }
    return problems;
  }
  const version = Number(postgres.version);
  if (!redis) problems.push('Redis has no entry');
  else if (redis.deleted) problems.push(`Redis holds a tombstone v${redis.version}`);
  else if (redis.version !== version) problems.push(`Redis at v${redis.version}, not v${version}`);
  for (const kind of crms) {
    const held = states.crm[kind];
    if (!held || held.deleted) {
      problems.push(`${CRM_NAMES[kind]} has no live record`);
      continue;
    }
    const expected = mapRecord(mappings[kind] as EntityMapping, postgres).properties;
    for (const [name, value] of Object.entries(expected)) {
      if (!valuesMatch(value, held.properties[name])) {
        problems.push(
          `${CRM_NAMES[kind]} ${name} is ${JSON.stringify(held.properties[name] ?? null)}, not ${JSON.stringify(value)}`,
        );
      }
    }
  }
  return problems;
}
