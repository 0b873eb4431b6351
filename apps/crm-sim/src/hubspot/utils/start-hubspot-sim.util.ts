import { listenSimApp } from '../../common/utils/listen-sim-app.util';
import { HubSpotSimModule } from '../hubspot-sim.module';
import { HubSpotAuthMiddleware } from '../middleware/hubspot-auth.middleware';
import { HubSpotRateLimitMiddleware } from '../middleware/hubspot-rate-limit.middleware';
import { HubSpotSimState } from '../services/hubspot-sim.state';
import type { HubSpotSimOptions } from '../types/hubspot-sim-options.type';
import type { RunningHubSpotSim } from '../types/running-hubspot-sim.type';

/**
 * Starts a HubSpot-compatible server. Point `@hubspot/api-client` at it with
 * `new Client({ accessToken, basePath: sim.url })`.
 */
export function startHubSpotSim(options: HubSpotSimOptions = {}): Promise<RunningHubSpotSim> {
  return listenSimApp(
    HubSpotSimModule.register(options),
    options,
    [HubSpotAuthMiddleware, HubSpotRateLimitMiddleware],
    HubSpotSimState,
  );
}
