import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startHubSpotSim } from './hubspot/utils/start-hubspot-sim.util';
import { startSalesforceSim } from './salesforce/utils/start-salesforce-sim.util';
import { loadCrmSimConfig } from './utils/load-crm-sim-config.util';

/** crm-sim: HubSpot- and Salesforce-compatible servers for demos, tests and load runs. */
async function bootstrap(): Promise<void> {
  const config = loadCrmSimConfig(process.env);
  const logger = new Logger('crm-sim');
  const logLevels = ['log', 'warn', 'error'] as const;
  const hubspot = await startHubSpotSim({ ...config.hubspot, logger: [...logLevels] });
  const salesforce = await startSalesforceSim({ ...config.salesforce, logger: [...logLevels] });
  logger.log(`HubSpot sim on ${hubspot.url} (@hubspot/api-client basePath)`);
  logger.log(`Salesforce sim on ${salesforce.url} (jsforce loginUrl / instanceUrl)`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing`);
    void Promise.all([hubspot.close(), salesforce.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error.message : String(error));
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
