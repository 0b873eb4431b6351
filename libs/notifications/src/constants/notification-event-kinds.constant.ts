/** What a tenant is told about: problems Syncline cannot resolve by itself. */
export const NOTIFICATION_EVENT_KINDS = [
  'dead_letter',
  'credentials_rejected',
  'destination_held',
] as const;
