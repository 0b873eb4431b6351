import { InboundDeletePolicy } from '../types/inbound-rules.type';

const POLICIES: Record<InboundDeletePolicy, true> = {
  ignore: true,
  soft_delete: true,
  delete: true,
};

/** Every `InboundDeletePolicy`, for the mapping document schema. */
export const INBOUND_DELETE_POLICIES = Object.keys(POLICIES) as readonly InboundDeletePolicy[];
