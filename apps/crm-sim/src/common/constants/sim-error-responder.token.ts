/** Nest token for the sim's SimErrorResponder (vendor-shaped 503/5xx/429 bodies). */
export const SIM_ERROR_RESPONDER = Symbol('SIM_ERROR_RESPONDER');
