import { MappedValue } from './mapped-value.type';

/** The outcome of mapping one value: the destination value, or why it cannot be mapped. */
export type FieldValueResult = { ok: true; value: MappedValue } | { ok: false; reason: string };
