import { DecideSyncInput } from '../types/decide-sync-input.type';
import { SyncDecision } from '../types/sync-decision.type';
import { SyncDecisionReason } from '../types/sync-decision-reason.type';
import { SyncOperation } from '../types/sync-rules.type';
import { fieldsOverlap } from './fields-overlap.util';
import { matchesCondition } from './matches-condition.util';

/**
 * What to do with one record for one destination, from its sync rules and current state.
 *
 * - Delete: `archive` when `deletePolicy` is 'archive', 'delete' is among the operations and the
 *   destination may hold the record (delivered, or unknown); otherwise `skip`.
 * - Upsert of a record that does not match the conditions: `skip`; if it was delivered (it stopped
 *   matching), `archive` only when deletes archive (policy 'archive' and 'delete' allowed), since
 *   leaving it there is the conservative reading of any other rule set.
 * - First delivery (not delivered, or unknown): `upsert` when 'create' is allowed. Trigger fields
 *   never hold back a first delivery.
 * - Update of a delivered record: `upsert` when 'update' is allowed and a trigger field changed
 *   (or changes are unknown, or there are no trigger fields). A change to a condition field counts
 *   as a trigger: it may be the record coming back into the set.
 */
export function decideSync(input: DecideSyncInput): SyncDecision {
  const { rules } = input;
  const allows = (operation: SyncOperation) => rules.operations.includes(operation);
  const archivesDeletes = rules.deletePolicy === 'archive' && allows('delete');

  if (input.operation === 'delete') {
    if (rules.deletePolicy !== 'archive') return skip('delete_policy_ignore');
    if (!allows('delete')) return skip('delete_not_allowed');
    if (input.previouslyDelivered === false) return skip('never_delivered');
    return { action: 'archive', reason: 'delete' };
  }

  const delivered = input.previouslyDelivered === true;
  const conditions = rules.conditions ?? [];
  if (!conditions.every((condition) => matchesCondition(input.record, condition))) {
    return delivered && archivesDeletes
      ? { action: 'archive', reason: 'stopped_matching' }
      : skip('conditions_not_met');
  }
  if (!delivered) return allows('create') ? upsert('create') : skip('create_not_allowed');
  if (!allows('update')) return skip('update_not_allowed');

  const { changedFields } = input;
  const triggers = rules.triggerFields ?? [];
  if (changedFields !== undefined && triggers.length > 0) {
    const watched = [...triggers, ...conditions.map((condition) => condition.field)];
    const triggered = watched.some((field) =>
      changedFields.some((changed) => fieldsOverlap(field, changed)),
    );
    if (!triggered) return skip('no_trigger_field_changed');
  }
  return upsert('update');
}

function skip(reason: SyncDecisionReason): SyncDecision {
  return { action: 'skip', reason };
}

function upsert(reason: SyncDecisionReason): SyncDecision {
  return { action: 'upsert', reason };
}
