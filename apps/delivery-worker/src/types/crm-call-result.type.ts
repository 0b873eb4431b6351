import { ItemResult } from '@syncline/connectors';
import { HoldReason } from './delivery-outcome.type';

/** The per-record answers of one CRM call, or why the call did not happen (put the batch back). */
export type CrmCallResult =
  { kind: 'items'; items: ItemResult[] } | { kind: 'hold'; holdMs: number; reason: HoldReason };
