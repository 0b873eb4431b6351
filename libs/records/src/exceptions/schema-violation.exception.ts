import { SynclineException } from '@syncline/errors';

export interface SchemaIssue {
  /** JSON pointer to the offending field, e.g. `/lead_score`. */
  path: string;
  message: string;
}

/** A record or request body that does not match its entity's schema. Never retriable. */
export class SchemaViolationException extends SynclineException {
  readonly code = 'SCHEMA_VIOLATION';
  readonly retriable = false;

  constructor(
    readonly entity: string,
    readonly issues: readonly SchemaIssue[],
  ) {
    super(
      `${entity} violates its schema: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`,
    );
  }
}
