import { InboundConflict } from './inbound-conflict.type';
import { MappedValue } from './mapped-value.type';
import { MappingIssue } from './mapping-issue.type';

/** What to do with one destination record read back (`resolveInbound`). */
export interface InboundResolution {
  /**
   * Column values to write to the row (a json column whole, with the keys merged in); empty =
   * nothing to write. Without a row (and `createRows`), the inbound columns of the row to create.
   */
  writes: Record<string, unknown>;
  /** The new known destination state: the previous one with every property read replaced. */
  known: Record<string, MappedValue>;
  conflicts: InboundConflict[];
  /** Properties whose value could not be read back or written (`path`: the property): skipped. */
  issues: MappingIssue[];
}
