/** The flags of `reconcile cache|crm`, as commander parsed them. */
export interface ReconcileCliOptions {
  dryRun?: boolean;
  tenant?: string;
  /** The collection, by name or table (`--collection`). */
  collection?: string;
  /** The same (`--entity`, the older spelling). */
  entity?: string;
  destination?: string;
}
