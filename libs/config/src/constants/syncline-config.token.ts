/** Nest injection token for the validated `SynclineConfig`. */
export const SYNCLINE_CONFIG = Symbol('SYNCLINE_CONFIG');
