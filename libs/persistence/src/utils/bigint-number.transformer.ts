import type { ValueTransformer } from 'typeorm';

/**
 * node-postgres returns `bigint` as a string; versions are compared as numbers everywhere else
 * (Redis, delivery messages), so convert, and refuse values JS cannot hold exactly.
 */
export const bigintNumberTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null): number | null => {
    if (value === null || value === undefined) return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(`bigint ${String(value)} is outside Number.MAX_SAFE_INTEGER`);
    }
    return n;
  },
} satisfies ValueTransformer;
