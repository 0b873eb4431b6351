import type { CachedRecord } from '@syncline/cache';
import type { CanonicalRecord } from '@syncline/records';
import type { CrmRecordView } from '../clients/crm-sim.client';
import type { CrmKind } from '../scenario/mapping-documents';

/** One record as every hop holds it right now; absent = that hop has nothing. */
export interface HopStates {
  postgres?: CanonicalRecord;
  redis?: CachedRecord;
  crm: Partial<Record<CrmKind, CrmRecordView>>;
}
