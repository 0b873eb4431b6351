/** One key for a tenant's collection, for maps. */
export function scopeKey(entity: string, tenant: string): string {
  return JSON.stringify([entity, tenant]);
}
