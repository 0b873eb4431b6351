/**
 * Whether a change to one field path touches another: equal, or one is a key of the other
 * (`attributes` changed touches `attributes.colour`, and the other way round).
 */
export function fieldsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
