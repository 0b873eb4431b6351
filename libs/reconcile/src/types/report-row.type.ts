import { DriftCounts } from './drift-counts.type';

/** One line of a run's summary: a tenant's entity (and, for CRMs, one destination). */
export interface ReportRow extends DriftCounts {
  tenant: string;
  entity: string;
  /** Destination id (CRM runs), and its name for people. */
  destination?: string;
  destinationName?: string;
  /** Why the scope was not (fully) compared: a paused destination, a connector that failed. */
  note?: string;
  durationMs: number;
}
