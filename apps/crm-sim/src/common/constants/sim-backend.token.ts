/** Nest token for the sim's SimBackend (records, limits, reset) used by the admin API. */
export const SIM_BACKEND = Symbol('SIM_BACKEND');
