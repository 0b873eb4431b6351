const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

/**
 * Salesforce's 18-character id: the 15-character case-sensitive id plus a 3-character suffix
 * encoding which of its letters are upper case (so the id survives case-insensitive systems).
 */
export function toSalesforceId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(bits);
  }
  return id15 + suffix;
}

/** The canonical 18-character form of a 15- or 18-character id; undefined if malformed. */
export function normalizeSalesforceId(id: string): string | undefined {
  if (ID15.test(id)) return toSalesforceId18(id);
  if (!ID18.test(id)) return undefined;
  const canonical = toSalesforceId18(id.slice(0, 15));
  return canonical.slice(15).toUpperCase() === id.slice(15).toUpperCase() ? canonical : undefined;
}
