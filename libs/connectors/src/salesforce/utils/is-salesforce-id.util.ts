/** A 15- or 18-character Salesforce record id; anything else cannot name a record. */
export function isSalesforceId(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}
