/** Samples kept per pending event group, and groups listed per digest (the rest are counted). */
export const DIGEST_LIMITS = {
  samplesPerGroup: 5,
  groupsPerDigest: 50,
  channelsPerTick: 20,
} as const;
