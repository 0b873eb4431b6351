/** Why `decideSync` chose its action; stable codes, fit for metric labels and delivery logs. */
export type SyncDecisionReason =
  | 'create' // first delivery of a matching record
  | 'update' // a delivered record changed
  | 'delete' // deleted upstream, archived at the destination
  | 'stopped_matching' // a delivered record no longer matches the conditions: archived
  | 'conditions_not_met' // the record does not match the conditions
  | 'create_not_allowed'
  | 'update_not_allowed'
  | 'delete_not_allowed'
  | 'delete_policy_ignore'
  | 'never_delivered' // a delete of a record the destination never received
  | 'no_trigger_field_changed';
