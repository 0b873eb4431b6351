import 'reflect-metadata';
import { startHubSpotSim } from './hubspot/utils/start-hubspot-sim.util';
import { startSalesforceSim } from './salesforce/utils/start-salesforce-sim.util';
import { loadCrmSimConfig } from './utils/load-crm-sim-config.util';

/** crm-sim: HubSpot- and Salesforce-compatible servers for demos, tests and load runs. */
async function bootstrap(): Promise<void> {
  const config = loadCrmSimConfig(process.env);
  // Nest's start-up chatter (one line per route) stays off; warnings and errors are shown.
  const hubspot = await startHubSpotSim({ ...config.hubspot, logger: ['warn', 'error'] });
  const salesforce = await startSalesforceSim({ ...config.salesforce, logger: ['warn', 'error'] });
  console.log(`crm-sim: HubSpot sim on ${hubspot.url} (@hubspot/api-client basePath)`);
  console.log(`crm-sim: Salesforce sim on ${salesforce.url} (jsforce loginUrl / instanceUrl)`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`crm-sim: ${signal}, closing`);
    void Promise.all([hubspot.close(), salesforce.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('crm-sim: close failed:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void bootstrap().catch((error: unknown) => {
  console.error('crm-sim failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
