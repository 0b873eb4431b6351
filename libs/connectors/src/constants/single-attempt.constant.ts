import { RetryPolicy } from '@syncline/resilience';

/** A scan page fetched once, for callers that back off on their own (`ScanOptions.retryPages`). */
export const SINGLE_ATTEMPT = new RetryPolicy({ maxAttempts: 1 });
