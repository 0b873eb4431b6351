/**
 * The command that replays a destination's dead letters once their cause is fixed (the admin
 * API's DLQ replay, README "Admin API"): page with fromOffset = lastReadOffset + 1.
 */
export function replayHint(apiUrl: string, tenant: string, destinationId: string): string {
  const base = apiUrl === '' ? '<cache-api-url>' : apiUrl;
  const path = `/v1/admin/tenants/${encodeURIComponent(tenant)}/destinations/${destinationId}/dlq/replay`;
  return (
    `After fixing the cause, replay: curl -X POST -H "x-api-key: $SYNCLINE_ADMIN_API_KEY" ` +
    `-H 'content-type: application/json' -d '{"fromOffset":0,"limit":1000}' ${base}${path} ` +
    `(repeat with fromOffset = lastReadOffset + 1 until endOfStream)`
  );
}
