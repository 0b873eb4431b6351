/** A response of the cache-api's admin API: status and parsed JSON body. */
export interface AdminResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes
  body: any;
}

/** Calls `/v1/admin/tenants/<tenant><path>` of the cache-api at `apiUrl()` with the admin key. */
export function adminApi(apiUrl: () => string, adminKey: string) {
  return async (
    tenant: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<AdminResponse> => {
    const response = await fetch(`${apiUrl()}/v1/admin/tenants/${tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/** A tenant with a HubSpot and a Salesforce destination on the given sims; their ids. */
export async function crmDestinations(
  admin: ReturnType<typeof adminApi>,
  tenant: string,
  sims: { hubspot: string; salesforce: string },
): Promise<{ hubspot: string; salesforce: string }> {
  const tenantCreated = await admin(tenant, 'PUT', '', { name: tenant });
  const rateLimit = { requestsPerInterval: 100, intervalMs: 1000 };
  const hubspot = await admin(tenant, 'POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: sims.hubspot,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit,
  });
  const salesforce = await admin(tenant, 'POST', '/destinations', {
    name: 'Salesforce',
    kind: 'salesforce',
    baseUrl: sims.salesforce,
    credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
    options: { loginUrl: sims.salesforce },
    rateLimit,
  });
  const statuses = [tenantCreated.status, hubspot.status, salesforce.status];
  if (statuses.join() !== '200,201,201')
    throw new Error(
      `setting up ${tenant} failed: ${JSON.stringify([hubspot.body, salesforce.body])}`,
    );
  const idOf = (response: AdminResponse) => (response.body as { id: string }).id;
  return { hubspot: idOf(hubspot), salesforce: idOf(salesforce) };
}
