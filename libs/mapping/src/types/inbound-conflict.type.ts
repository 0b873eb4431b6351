import { FieldOwner } from './field-mapping.type';
import { ConflictPolicy } from './inbound-rules.type';

/** A field both Postgres and the destination changed since it was last known, and who won. */
export interface InboundConflict {
  /** The field's source (the column, or `<json column>.<key>`). */
  field: string;
  /** The destination property. */
  target: string;
  policy: ConflictPolicy;
  winner: FieldOwner;
}
