import type { RecordCacheRepository } from '@syncline/cache';
import { mapRecord, matchesCondition, type EntityMapping } from '@syncline/mapping';
import { valuesMatch } from '@syncline/reconcile';
import type { CollectionDefinition } from '@syncline/records';
import type { CrmRecordView } from '../demo/clients/crm-sim.client';
import type { SourceRowReader } from '../demo/observe/source-row.reader';

export interface CrmHop {
  name: string;
  mapping: EntityMapping;
  /** Every record of the mapping's object in the sim, archived/deleted ones included. */
  records(object: string): Promise<CrmRecordView[]>;
}

export interface Disagreement {
  id: string;
  kind: string;
  detail: string;
}

/**
 * Postgres against Redis and every CRM, record by record, for every id the run touched: Redis
 * holds the row at its version with its data (or a tombstone/nothing for a deleted row); a CRM
 * holds a live record with the mapped values exactly when the row exists and matches the
 * mapping's conditions, and nothing live otherwise.
 */
export async function compareHops(
  rows: SourceRowReader,
  collection: CollectionDefinition,
  cache: RecordCacheRepository,
  tenant: string,
  ids: readonly string[],
  crms: readonly CrmHop[],
): Promise<Disagreement[]> {
  const source = await rows.findMany(collection, tenant, ids);
  const cached = await cache.getMany(ids.map((id) => ({ tenant, entity: collection.name, id })));
  const held = await Promise.all(crms.map((crm) => liveByIdentity(crm)));
  const found: Disagreement[] = [];
  ids.forEach((id, index) => {
    const row = source.get(id);
    const redis = cached[index];
    if (row) {
      if (!redis || redis.deleted)
        found.push({ id, kind: 'redis_missing', detail: `v${String(row.version)}` });
      else if (redis.version !== row.version)
        found.push({
          id,
          kind: 'redis_stale',
          detail: `v${redis.version} not v${String(row.version)}`,
        });
      else if (JSON.stringify(redis.data) !== JSON.stringify(row))
        found.push({
          id,
          kind: 'redis_data',
          detail: `same version v${redis.version}, other data`,
        });
    } else if (redis && !redis.deleted) {
      found.push({ id, kind: 'redis_resurrected', detail: `v${redis.version} of a deleted row` });
    }
    crms.forEach((crm, crmIndex) => {
      const record = held[crmIndex].get(id);
      const belongs =
        row !== undefined &&
        (crm.mapping.rules.conditions ?? []).every((c) => matchesCondition(row, c));
      if (!belongs) {
        if (record)
          found.push({
            id,
            kind: `${crm.name}_should_be_gone`,
            detail: row ? 'excluded by the rules' : 'deleted',
          });
        return;
      }
      if (!record) {
        found.push({ id, kind: `${crm.name}_missing`, detail: `v${String(row.version)}` });
        return;
      }
      const expected = mapRecord(crm.mapping, row).properties;
      const wrong = Object.entries(expected).filter(
        ([name, value]) => !valuesMatch(value, record.properties[name]),
      );
      if (wrong.length > 0)
        found.push({
          id,
          kind: `${crm.name}_stale`,
          detail: wrong
            .map(
              ([name, value]) =>
                `${name}=${JSON.stringify(record.properties[name])} not ${JSON.stringify(value)}`,
            )
            .join(', '),
        });
    });
  });
  return found;
}

async function liveByIdentity(crm: CrmHop): Promise<Map<string, CrmRecordView>> {
  const live = new Map<string, CrmRecordView>();
  for (const record of await crm.records(crm.mapping.object)) {
    const identity = record.properties[crm.mapping.identity.target];
    if (!record.deleted && typeof identity === 'string') live.set(identity.toLowerCase(), record);
  }
  return live;
}
