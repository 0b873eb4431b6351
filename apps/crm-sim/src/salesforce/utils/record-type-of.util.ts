/** `attributes.type` of a collection record, or undefined. */
export function recordTypeOf(record: Record<string, unknown>): string | undefined {
  const attributes = record.attributes as { type?: unknown } | undefined;
  return typeof attributes?.type === 'string' ? attributes.type : undefined;
}
