import type { SalesforceLimits } from '../types/salesforce-limits.type';

export const SALESFORCE_DEFAULT_LIMITS: Readonly<SalesforceLimits> = Object.freeze({
  dailyApiRequests: 100_000,
  maxConcurrent: null,
});
