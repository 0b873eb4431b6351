import { listenSimApp } from '../../common/utils/listen-sim-app.util';
import { SalesforceApiLimitsMiddleware } from '../middleware/salesforce-api-limits.middleware';
import { SalesforceAuthMiddleware } from '../middleware/salesforce-auth.middleware';
import { SalesforceSimModule } from '../salesforce-sim.module';
import { SalesforceSimState } from '../services/salesforce-sim.state';
import type { RunningSalesforceSim } from '../types/running-salesforce-sim.type';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';

/**
 * Starts a Salesforce-compatible server. Point jsforce at it with
 * `new Connection({ instanceUrl: sim.url, accessToken })`, or with
 * `oauth2: { loginUrl: sim.url, clientId, clientSecret }` and
 * `conn.authorize({ grant_type: 'client_credentials' })`.
 */
export function startSalesforceSim(
  options: SalesforceSimOptions = {},
): Promise<RunningSalesforceSim> {
  return listenSimApp(
    SalesforceSimModule.register(options),
    options,
    [SalesforceAuthMiddleware, SalesforceApiLimitsMiddleware],
    SalesforceSimState,
  );
}
