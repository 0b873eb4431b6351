import { ConflictPolicy } from '../types/inbound-rules.type';

const POLICIES: Record<ConflictPolicy, true> = {
  postgres_wins: true,
  crm_wins: true,
  last_writer_wins: true,
  field_ownership: true,
};

/** Every `ConflictPolicy`, for the mapping document schema. */
export const CONFLICT_POLICIES = Object.keys(POLICIES) as readonly ConflictPolicy[];
