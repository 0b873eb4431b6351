import { EntityMapping, MappedValue, normalizeInbound, sameMappedValue } from '@syncline/mapping';
import { TwoWayDriftSplit } from '../types/two-way-drift-split.type';

/**
 * Splits the properties a CRM record holds other values for (`differing`) into the ones Postgres's
 * value is repaired for and the ones handed to the inbound side. A `both` field whose CRM value is
 * no longer the one last known for it (`known`, same forward form) was changed in the CRM since:
 * pushing Postgres's value would overwrite that edit against the mapping's policy, so the
 * delivery-worker resolves it instead. Nothing known counts as changed. Only where the CRM can
 * win: under `postgres_wins` Postgres's value is the policy, and under `field_ownership` the
 * fields an update sends are Postgres's (CRM-owned ones are never compared).
 */
export function splitTwoWayDrift(
  mapping: Pick<EntityMapping, 'fields' | 'inbound'>,
  differing: readonly string[],
  crm: Readonly<Record<string, unknown>>,
  known: Readonly<Record<string, MappedValue>> | undefined,
): TwoWayDriftSplit {
  const policy = mapping.inbound?.conflictPolicy;
  if (policy !== 'crm_wins' && policy !== 'last_writer_wins') {
    return { push: [...differing], handOver: [] };
  }
  const split: TwoWayDriftSplit = { push: [], handOver: [] };
  for (const name of differing) {
    const field = mapping.fields.find(
      (candidate) => candidate.target === name && candidate.direction === 'both',
    );
    if (!field) {
      split.push.push(name);
      continue;
    }
    const now = normalizeInbound(field, crm[name]);
    const unchanged =
      known !== undefined &&
      Object.hasOwn(known, name) &&
      now.ok &&
      sameMappedValue(known[name], now.value);
    (unchanged ? split.push : split.handOver).push(name);
  }
  return split;
}
