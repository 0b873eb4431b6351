import { SynclineException } from '@syncline/errors';

/**
 * A failure that retrying cannot cure: a SynclineException that says it is not retriable (bad
 * input). Anything else (a retriable SynclineException, a kafkajs or ioredis error, a bug) is
 * retried: those are outages or defects to fix, never a reason to drop a message.
 */
export function isPermanentFailure(error: unknown): error is SynclineException {
  return error instanceof SynclineException && !error.retriable;
}
