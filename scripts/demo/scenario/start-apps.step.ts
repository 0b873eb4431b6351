import type { DemoContext } from './demo-context';

const READY_TIMEOUT_MS = 120_000; // a busy 2-core machine starts five Node apps at once

/** crm-sim, cache-api and two sync-worker replicas; the delivery-worker starts once configured. */
export async function startApps(context: DemoContext): Promise<void> {
  const { printer, apps, ports, urls, tenants } = context;
  printer.step('Start the apps: crm-sim, cache-api, two sync-worker replicas');
  const crmSim = apps.start('crm-sim', {
    SYNCLINE_HUBSPOT_SIM_PORT: String(ports.hubspotSim),
    SYNCLINE_SALESFORCE_SIM_PORT: String(ports.salesforceSim),
  });
  const cacheApi = apps.start('cache-api', {
    SYNCLINE_HTTP_PORT: String(ports.cacheApi),
    SYNCLINE_API_KEYS: Object.values(tenants)
      .map((tenant) => `${tenant.id}=${tenant.apiKey}`)
      .join(','),
  });
  const workers = ports.syncWorkerOps.map((port, index) =>
    apps.start('sync-worker', { SYNCLINE_OPS_PORT: String(port) }, `sync-worker-${index + 1}`),
  );
  await Promise.all([
    crmSim.waitUntilHealthy(`${urls.hubspot}/__sim/health`, READY_TIMEOUT_MS),
    crmSim.waitUntilHealthy(`${urls.salesforce}/__sim/health`, READY_TIMEOUT_MS),
    cacheApi.waitUntilHealthy(`${urls.cacheApi}/health/ready`, READY_TIMEOUT_MS),
    ...workers.map((worker, index) =>
      worker.waitUntilHealthy(
        `http://127.0.0.1:${ports.syncWorkerOps[index]}/health/ready`,
        READY_TIMEOUT_MS,
      ),
    ),
  ]);
  printer.see('crm-sim', `HubSpot ${urls.hubspot}, Salesforce ${urls.salesforce}`);
  printer.see('cache-api', `${urls.cacheApi} (records and the admin API)`);
  printer.see(
    'sync-worker',
    `2 replicas in group syncline-cache, ops on :${ports.syncWorkerOps.join(' and :')}`,
  );
}

/** The delivery-worker loads the control plane when it starts, so it starts after configuring. */
export async function startDeliveryWorker(context: DemoContext): Promise<void> {
  const { apps, ports, printer } = context;
  const worker = apps.start('delivery-worker', {
    SYNCLINE_OPS_PORT: String(ports.deliveryWorkerOps),
    // Two-way: poll HubSpot every second (the sim's search has no index lag to wait out).
    SYNCLINE_INBOUND_POLL_MS: '1000',
    SYNCLINE_INBOUND_SETTLE_MS: '0',
  });
  await worker.waitUntilHealthy(
    `http://127.0.0.1:${ports.deliveryWorkerOps}/health/ready`,
    READY_TIMEOUT_MS,
  );
  printer.see(
    'delivery',
    `delivery-worker up with the destinations loaded (reloads every 500 ms), ops on :${ports.deliveryWorkerOps}`,
  );
}
