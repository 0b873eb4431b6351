import { ErrorCode } from '../types/error-code.type';

/**
 * The root of every error Syncline raises on purpose. `retriable`, not message matching, decides
 * between retrying and dead-lettering: transient conditions (a broker or cache outage) are
 * retriable, bad input never is.
 */
export abstract class SynclineException extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly retriable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
