import { randomUUID } from 'node:crypto';
import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { testClients } from './test-clients';

/**
 * The whole pipeline of one test file on the test stack: a cache-api (admin key `adminKey`), a
 * sync-worker and a delivery-worker with fresh delivery groups, reloading the control plane every
 * 500 ms. The processes go into `apps` as they start (so afterAll stops whatever did start);
 * resolves to the cache-api's base URL once every app is up.
 */
export async function startPipeline(
  t: ReturnType<typeof testClients>,
  adminKey: string,
  apps: AppProcess[],
  extraEnv: Record<string, string> = {},
): Promise<string> {
  const port = await freePort();
  const env = t.appEnv({
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: `delivery-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: `router-${randomUUID()}`,
    SYNCLINE_INBOUND_GROUP_ID: `inbound-${randomUUID()}`,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
    ...extraEnv,
  });
  const [cacheApi, syncWorker, deliveryWorker] = [
    AppProcess.start('cache-api', env),
    AppProcess.start('sync-worker', env),
    AppProcess.start('delivery-worker', env),
  ];
  apps.push(cacheApi, syncWorker, deliveryWorker);
  // Start-up is slow on a loaded machine (three apps compile at once).
  await cacheApi.waitForOutput('cache-api listening', 180_000);
  await syncWorker.waitForOutput('ops endpoints on', 180_000);
  await deliveryWorker.waitForOutput('ops endpoints on', 180_000);
  return `http://127.0.0.1:${port}`;
}
