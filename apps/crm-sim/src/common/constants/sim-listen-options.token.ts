/** Nest token for the SimListenOptions the sim was started with. */
export const SIM_LISTEN_OPTIONS = Symbol('SIM_LISTEN_OPTIONS');
