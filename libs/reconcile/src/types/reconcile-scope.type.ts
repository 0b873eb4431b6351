/** What a run looks at: everything, or one tenant, entity (name) and/or destination (id). */
export interface ReconcileScope {
  tenant?: string;
  entity?: string;
  destination?: string;
}
