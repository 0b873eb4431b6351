/** The flags of `reconcile cache|crm`, as commander parsed them. */
export interface ReconcileCliOptions {
  dryRun?: boolean;
  tenant?: string;
  entity?: string;
  destination?: string;
}
