/**
 * An identity value as the text a CRM stores: strings as they are, integers and other finite
 * numbers in their JSON form (serial and bigint keys), so keys of any type can identify a record.
 * `undefined` for anything that cannot identify one (null, blank, objects, booleans).
 */
export function identityText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  return undefined;
}
