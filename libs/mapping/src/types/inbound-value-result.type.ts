import { MappedValue } from './mapped-value.type';

/**
 * A destination value read back: the column value it stands for (`column`) and that value mapped
 * forward again (`value`, what `mapRecord` would send), or why it cannot be read back.
 */
export type InboundValueResult =
  { ok: true; value: MappedValue; column: MappedValue } | { ok: false; reason: string };
