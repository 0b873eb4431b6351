import { ErrorCode, SynclineException } from '@syncline/errors';

type DecodeFailureCode = Extract<
  ErrorCode,
  'UNDECODABLE_EVENT' | 'UNKNOWN_TABLE' | 'SCHEMA_VIOLATION' | 'OVERSIZED_PAYLOAD'
>;

/** A change event that can never be applied as it is: it goes to the DLQ, never retried. */
export class DecodeFailure extends SynclineException {
  readonly retriable = false;

  constructor(
    readonly code: DecodeFailureCode,
    message: string,
  ) {
    super(message);
  }
}
