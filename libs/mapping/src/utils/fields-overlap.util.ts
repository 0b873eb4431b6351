/**
 * Whether a change to one field path touches another: equal, or one is a key of the other
 * (`custom_fields` changed touches `custom_fields.plan`, and the other way round).
 */
export function fieldsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
