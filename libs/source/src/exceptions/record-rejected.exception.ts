import { SynclineException } from '@syncline/errors';

/**
 * Postgres refused a write for good: an integrity constraint (NOT NULL, foreign key, CHECK,
 * exclusion; a unique one is RecordExistsException) or a value its column cannot hold (SQLSTATE
 * classes 23 and 22). Retrying the same values cannot succeed: a caller reports it and moves on
 * (a CRM value refused by the table must not hold up the CRM's other changes).
 */
export class RecordRejectedException extends SynclineException {
  readonly code = 'RECORD_REJECTED';
  readonly retriable = false;

  constructor(
    readonly sqlState: string,
    readonly constraint: string | undefined,
    detail: string,
  ) {
    super(
      `Postgres refused the row (SQLSTATE ${sqlState}${constraint ? `, ${constraint}` : ''}): ${detail}`,
    );
  }
}
