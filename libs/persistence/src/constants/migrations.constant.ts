import { InitSystemA1763900000000 } from '../migrations/1763900000000-init-system-a.migration';
import { ControlPlane1763900000001 } from '../migrations/1763900000001-control-plane.migration';
import { ReconcileRuns1763900000002 } from '../migrations/1763900000002-reconcile-runs.migration';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [
  InitSystemA1763900000000,
  ControlPlane1763900000001,
  ReconcileRuns1763900000002,
];
