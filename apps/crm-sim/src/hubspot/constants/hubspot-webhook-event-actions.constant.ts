/**
 * The legacy CRM event actions a subscription may name. The sim fires creation, deletion and
 * propertyChange; the others are accepted, as HubSpot accepts them, and never fire.
 */
export const HUBSPOT_WEBHOOK_EVENT_ACTIONS = Object.freeze([
  'creation',
  'deletion',
  'propertyChange',
  'merge',
  'restore',
  'associationChange',
  'privacyDeletion',
]);
