/**
 * Object types the v3 app webhooks cover, by the sim's object type: the event type prefix
 * (`contact.creation`, `deal.propertyChange`, ...).
 */
export const HUBSPOT_WEBHOOK_OBJECT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  tickets: 'ticket',
  products: 'product',
  line_items: 'line_item',
});
