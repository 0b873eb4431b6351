import { toSalesforceId18 } from './to-salesforce-id18.util';

const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/** The canonical 18-character form of a 15- or 18-character id; undefined if malformed. */
export function normalizeSalesforceId(id: string): string | undefined {
  if (ID15.test(id)) return toSalesforceId18(id);
  if (!ID18.test(id)) return undefined;
  const canonical = toSalesforceId18(id.slice(0, 15));
  return canonical.slice(15).toUpperCase() === id.slice(15).toUpperCase() ? canonical : undefined;
}
