/** Nest token for the SalesforceSimOptions the sim was started with. */
export const SALESFORCE_SIM_OPTIONS = Symbol('SALESFORCE_SIM_OPTIONS');
