import { readRecordField, type EntityMapping } from '@syncline/mapping';
import type { CrmKind, DemoEntity } from '../scenario/mapping-documents';
import type { HopStates } from './hop-states.type';

/** The few fields that tell an entity's records apart at a glance (source paths). */
export const SUMMARY_FIELDS: Record<DemoEntity, readonly string[]> = {
  contact: ['first_name', 'last_name', 'custom_fields.plan'],
  company: ['name', 'domain'],
  deal: ['stage', 'amount'],
};

/** One short text per hop: what Postgres, Redis and each CRM hold for the record. */
export function describeHops(
  entity: DemoEntity,
  states: HopStates,
  mappings: Readonly<Partial<Record<CrmKind, Pick<EntityMapping, 'fields'>>>>,
): { postgres: string; redis: string } & Partial<Record<CrmKind, string>> {
  const fields = SUMMARY_FIELDS[entity];
  const { postgres, redis } = states;
  const described: { postgres: string; redis: string } & Partial<Record<CrmKind, string>> = {
    postgres: postgres
      ? `v${String(postgres.version)} ${summarize(fields.map((path) => readRecordField(postgres, path)))}`
      : 'no row (deleted)',
    redis: !redis
      ? 'no entry'
      : redis.deleted
        ? `tombstone v${redis.version}`
        : `v${redis.version} ${summarize(fields.map((path) => readRecordField(redis.data, path)))}`,
  };
  for (const kind of Object.keys(mappings) as CrmKind[]) {
    const held = states.crm[kind];
    const targets = fields.map(
      (source) => mappings[kind]?.fields.find((field) => field.source === source)?.target,
    );
    described[kind] = !held
      ? 'no record'
      : held.deleted
        ? `archived (id ${held.id})`
        : summarize(targets.map((target) => (target ? held.properties[target] : undefined)));
  }
  return described;
}

function summarize(values: readonly unknown[]): string {
  return values
    .filter((value) => value !== undefined && value !== null && value !== '')
    .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .join(' · ');
}
