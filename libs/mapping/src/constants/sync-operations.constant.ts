import { SyncOperation } from '../types/sync-rules.type';

const OPERATIONS: Record<SyncOperation, true> = { create: true, update: true, delete: true };

/** Every `SyncOperation`, for the mapping document schema. */
export const SYNC_OPERATIONS = Object.keys(OPERATIONS) as readonly SyncOperation[];
