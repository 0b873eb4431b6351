export { RETRY_DEFAULTS } from './constants/retry-defaults.constant';
export { RetryPolicy } from './services/retry-policy';
export type { RetryContext } from './services/retry-policy';
export type { RetryOptions } from './types/retry-options.type';
export { CircuitBreaker } from './services/circuit-breaker';
export type { CircuitState } from './services/circuit-breaker';
export type { BreakerClassifiers } from './types/breaker-classifiers.type';
export type { BreakerResult } from './types/breaker-result.type';
export type { CallVerdict } from './types/call-verdict.type';
