/** A batch skipped or a scope given up: where, and why. */
export interface ReconcileErrorEntry {
  tenant?: string;
  entity?: string;
  destination?: string;
  /** The key range or batch (`first..last` ids) that was skipped. */
  where: string;
  message: string;
  at: string;
}
