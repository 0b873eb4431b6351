const LABELS: Record<string, string> = { contacts: 'CONTACT', companies: 'COMPANY', deals: 'DEAL' };

/** HubSpot's upper-case singular name of an object type in messages (CONTACT, COMPANY, ...). */
export function hubSpotObjectLabel(objectType: string): string {
  return LABELS[objectType] ?? objectType.toUpperCase();
}
