export interface CrmDestination {
  tenant: string;
  destinationId: string;
}

interface AdminClient {
  (method: string, path: string, body?: unknown): Promise<unknown>;
}

function adminClient(apiUrl: string, adminKey: string): AdminClient {
  return async (method, path, body) => {
    const response = await fetch(`${apiUrl}/v1/admin/tenants/${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`admin ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
}

/**
 * One HubSpot destination on crm-sim per sampled tenant, created for this run, mapping only the
 * identity (syncline_id) and last_name (which carries each change's marker). The sim is one
 * HubSpot account; its 10-second limit is split between the destinations so that the workers'
 * own rate limiting, not 429s, paces delivery, as with real per-account limits.
 */
export async function createCrmDestinations(
  apiUrl: string,
  adminKey: string,
  simUrl: string,
  tenants: readonly string[],
  runId: string,
): Promise<CrmDestination[]> {
  const admin = adminClient(apiUrl, adminKey);
  const limits = (await (await fetch(`${simUrl}/__sim/limits`)).json()) as { tenSecondly?: number };
  const perDestination = Math.max(
    1,
    Math.floor(((limits.tenSecondly ?? 190) * 0.9) / tenants.length),
  );
  const destinations: CrmDestination[] = [];
  for (const tenant of tenants) {
    await admin('PUT', encodeURIComponent(tenant), { name: `Load test ${tenant}` });
    const destination = (await admin('POST', `${encodeURIComponent(tenant)}/destinations`, {
      name: `load-test ${runId}`,
      kind: 'hubspot',
      baseUrl: simUrl,
      credentials: { accessToken: `load-test-${runId}` },
      rateLimit: { requestsPerInterval: perDestination, intervalMs: 10_000 },
    })) as { id: string };
    await admin('PUT', `${encodeURIComponent(tenant)}/mappings/contact/${destination.id}`, {
      object: 'contacts',
      identity: { source: 'id', target: 'syncline_id' },
      fields: [{ source: 'last_name', target: 'lastname' }],
      rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    });
    destinations.push({ tenant, destinationId: destination.id });
  }
  return destinations;
}

/** After the run: delete this run's destinations, so that nothing keeps working for them. */
export async function retireCrmDestinations(
  apiUrl: string,
  adminKey: string,
  destinations: readonly CrmDestination[],
): Promise<void> {
  const admin = adminClient(apiUrl, adminKey);
  for (const { tenant, destinationId } of destinations) {
    const t = encodeURIComponent(tenant);
    // Mappings and delivery log go with it; the workers skip what is left in its queue.
    await admin('DELETE', `${t}/destinations/${destinationId}`).catch(() => undefined);
  }
}
