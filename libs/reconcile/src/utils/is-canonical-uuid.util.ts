const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` is a uuid in Postgres' text form (lower-case hex), the only form rows have. */
export function isCanonicalUuid(id: string): boolean {
  return CANONICAL_UUID.test(id);
}
