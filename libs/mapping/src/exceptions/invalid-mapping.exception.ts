import { SynclineException } from '@syncline/errors';
import { MappingIssue } from '../types/mapping-issue.type';

/** A mapping document an admin sent that cannot be used; `issues` name each field by JSON pointer. */
export class InvalidMappingException extends SynclineException {
  readonly code = 'INVALID_MAPPING';
  readonly retriable = false;

  constructor(readonly issues: readonly MappingIssue[]) {
    super(`invalid mapping: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`);
  }
}
