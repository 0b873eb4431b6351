import { CallVerdict } from './call-verdict.type';

/** How `CircuitBreaker.execute` reads a call's result and its errors. */
export interface BreakerClassifiers<T> {
  /** Default: every value is a `success`. */
  result?: (value: T) => CallVerdict;
  /** Default: an error whose `retriable` flag is true is a `failure`, any other is `neutral`. */
  error?: (error: unknown) => CallVerdict;
}
