/**
 * crm-sim's in-process API for tests and benchmarks: start a sim on port 0, point the official
 * client at `sim.url`, inspect and fault it through `sim.state`, `close()` it.
 */
export { startHubSpotSim } from './hubspot/utils/start-hubspot-sim.util';
export { startSalesforceSim } from './salesforce/utils/start-salesforce-sim.util';
export { HubSpotSimState } from './hubspot/services/hubspot-sim.state';
export { SalesforceSimState } from './salesforce/services/salesforce-sim.state';
export type { HubSpotSimOptions } from './hubspot/types/hubspot-sim-options.type';
export type { HubSpotRateLimits } from './hubspot/types/hubspot-rate-limits.type';
export type { HubSpotPropertySeed } from './hubspot/types/hubspot-property-seed.type';
export type { RunningHubSpotSim } from './hubspot/types/running-hubspot-sim.type';
export type { HubSpotWebhookOptions } from './hubspot/types/hubspot-webhook-options.type';
export type { HubSpotWebhookEvent } from './hubspot/types/hubspot-webhook-event.type';
export type { HubSpotWebhookDelivery } from './hubspot/types/hubspot-webhook-delivery.type';
export type { HubSpotWebhookFaults } from './hubspot/types/hubspot-webhook-faults.type';
export type { SalesforceSimOptions } from './salesforce/types/salesforce-sim-options.type';
export type { SalesforceLimits } from './salesforce/types/salesforce-limits.type';
export type { SalesforceFieldSeed } from './salesforce/types/salesforce-field-seed.type';
export type { RunningSalesforceSim } from './salesforce/types/running-salesforce-sim.type';
export type { RunningSim } from './common/types/running-sim.type';
export type { SimCall } from './common/types/sim-call.type';
export type { SimStats } from './common/types/sim-stats.type';
export type { SimFaultsInput } from './common/types/sim-faults-input.type';
export type { RecordErrorRule } from './common/types/record-error-rule.type';
