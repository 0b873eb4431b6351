import type { ModifiedCursor } from './modified-cursor.type';
import type { RemoteRecord } from './remote-record.type';

/** One page of a modified-since scan, oldest first, and the cursor just after its last record. */
export interface ModifiedPage {
  records: RemoteRecord[];
  cursor: ModifiedCursor;
}
