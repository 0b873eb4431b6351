import type { ScanOptions } from './scan-options.type';

export interface ModifiedScanOptions extends ScanOptions {
  /**
   * Only records modified before this instant (exclusive). Pass now minus the CRM's settle lag
   * so a persisted cursor never moves past writes the CRM has not made visible yet (HubSpot's
   * search index lags writes by seconds; a Salesforce transaction stamps SystemModstamp before it
   * commits); the next scan picks them up.
   */
  until?: Date;
}
