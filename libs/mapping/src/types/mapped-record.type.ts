/** A record in the destination's terms: its identity value and the properties to write. */
export interface MappedRecord {
  identity: string;
  properties: Record<string, string | number | boolean | null>;
}
