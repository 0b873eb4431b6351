import { ControlPlane1764800000000 } from '../migrations/1764800000000-control-plane.migration';

/** Every control-plane migration, oldest first. Append new ones here. */
export const MIGRATIONS = [ControlPlane1764800000000];
