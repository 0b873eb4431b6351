import { RowCondition } from '../types/sync-rules.type';

const OPS: Record<RowCondition['op'], true> = {
  eq: true,
  neq: true,
  in: true,
  not_in: true,
  exists: true,
  not_exists: true,
  gt: true,
  gte: true,
  lt: true,
  lte: true,
};

/** Every row condition operator, for the mapping document schema. */
export const ROW_CONDITION_OPS = Object.keys(OPS) as readonly RowCondition['op'][];
