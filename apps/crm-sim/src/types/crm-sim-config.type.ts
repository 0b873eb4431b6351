import type { HubSpotSimOptions } from '../hubspot/types/hubspot-sim-options.type';
import type { SalesforceSimOptions } from '../salesforce/types/salesforce-sim-options.type';

/** What `main.ts` starts, from the environment. */
export interface CrmSimConfig {
  hubspot: HubSpotSimOptions & { port: number; host: string };
  salesforce: SalesforceSimOptions & { port: number; host: string };
}
