/** Nest token for the HubSpotSimOptions the sim was started with. */
export const HUBSPOT_SIM_OPTIONS = Symbol('HUBSPOT_SIM_OPTIONS');
