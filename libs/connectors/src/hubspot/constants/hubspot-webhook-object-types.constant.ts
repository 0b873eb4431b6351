/**
 * Objects of the legacy per-object webhook subscriptions (`<object>.creation`, ...): the event
 * prefix, the objectTypeId and the object type name the CRM API takes.
 */
export const HUBSPOT_WEBHOOK_OBJECT_TYPES: readonly {
  prefix: string;
  objectTypeId: string;
  object: string;
}[] = Object.freeze([
  { prefix: 'contact', objectTypeId: '0-1', object: 'contacts' },
  { prefix: 'company', objectTypeId: '0-2', object: 'companies' },
  { prefix: 'deal', objectTypeId: '0-3', object: 'deals' },
  { prefix: 'ticket', objectTypeId: '0-5', object: 'tickets' },
  { prefix: 'product', objectTypeId: '0-7', object: 'products' },
  { prefix: 'line_item', objectTypeId: '0-8', object: 'line_items' },
]);
