/** A record as the API returns it; `version` is also the ETag. */
export interface RecordView {
  tenant: string;
  entity: string;
  id: string;
  version: number;
  data: Record<string, unknown>;
}
