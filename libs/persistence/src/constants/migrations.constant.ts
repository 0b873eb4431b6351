import { InitSystemA1763900000000 } from '../migrations/1763900000000-init-system-a.migration';

/** Every migration, oldest first. Append new ones here. */
export const MIGRATIONS = [InitSystemA1763900000000];
