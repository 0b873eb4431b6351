import { InitSystemA1763900000000 } from '../migrations/1763900000000-init-system-a.migration';
import { ControlPlane1763900000001 } from '../migrations/1763900000001-control-plane.migration';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [InitSystemA1763900000000, ControlPlane1763900000001];
