import { RemoteRecord } from '@syncline/connectors';
import { MappedRecord } from '@syncline/mapping';

/** A drifted record of a two-way mapping: what goes out, and whether the CRM's edits go in. */
export interface TwoWayRepair {
  recordId: string;
  /** The CRM record as read. */
  held: RemoteRecord;
  /** Only the properties Postgres's value is repaired for (none: nothing is pushed). */
  push: MappedRecord;
  /** `both` fields the CRM changed are left to the inbound side: the record is hinted there. */
  handOver: boolean;
}
