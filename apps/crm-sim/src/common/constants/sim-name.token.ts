/** Nest token for the sim's name (`hubspot` or `salesforce`), the `sim` label of its metrics. */
export const SIM_NAME = Symbol('SIM_NAME');
