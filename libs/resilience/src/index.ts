export { RETRY_DEFAULTS } from './constants/retry-defaults.constant';
export { RetryPolicy } from './services/retry-policy';
export type { RetryContext } from './services/retry-policy';
export type { RetryOptions } from './types/retry-options.type';
