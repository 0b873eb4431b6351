/**
 * Fails single records whose `field` matches, inside otherwise successful batch calls.
 * HubSpot reports them as 207 errors, Salesforce as `success: false` items.
 */
export interface RecordErrorRule {
  /** Only this object type (HubSpot `contacts`, Salesforce `Contact`); all types when absent. */
  objectType?: string;
  /** Property / field name, compared case-insensitively. */
  field: string;
  equals?: string;
  in?: string[];
  /** Regular expression source tested against the value. */
  matches?: string;
  /** HubSpot `errors[].code` / Salesforce `statusCode`, e.g. UNABLE_TO_LOCK_ROW. */
  code?: string;
  /** HubSpot error category (default VALIDATION_ERROR); ignored by Salesforce. */
  category?: string;
  message?: string;
  /** Fail only the first N matching records (a transient error), then stop. */
  times?: number;
  /** Fail a matching record with this probability (0..1, default 1). */
  probability?: number;
}
