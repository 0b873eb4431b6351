/** A QueryResult page. */
export interface SalesforceQueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}
