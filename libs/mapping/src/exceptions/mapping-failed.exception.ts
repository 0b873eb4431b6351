import { SynclineException } from '@syncline/errors';
import { MappingIssue } from '../types/mapping-issue.type';

/**
 * A record that cannot be turned into a destination payload, or a payload the destination would
 * reject (unknown or read-only property, wrong type, too long, not an option). Retrying cannot help:
 * the delivery goes to the DLQ with this message as its reason, and is replayed after a fix.
 */
export class MappingFailedException extends SynclineException {
  readonly code = 'MAPPING_FAILED';
  readonly retriable = false;

  constructor(
    summary: string,
    readonly issues: readonly MappingIssue[],
  ) {
    super(`${summary}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}
