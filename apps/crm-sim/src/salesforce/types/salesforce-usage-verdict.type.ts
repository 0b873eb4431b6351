export type SalesforceUsageVerdict =
  | { ok: true; used: number; max: number }
  | { ok: false; reason: 'daily' | 'concurrent'; used: number; max: number };
