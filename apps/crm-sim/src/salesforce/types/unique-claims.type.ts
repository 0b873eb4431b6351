/** Unique values claimed by earlier plans of the same call, so one call cannot duplicate itself. */
export type UniqueClaims = Map<string, number>;
