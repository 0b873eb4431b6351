import { compareDecimals } from './compare-decimals.util';
import { parseDecimal } from './parse-decimal.util';

/**
 * A decimal string as a JavaScript number, only when the number is exactly that decimal (read back,
 * it prints the same value) and within ±(2^53 − 1). `undefined` otherwise: "1250.50" -> 1250.5,
 * "12345678901234567890" -> undefined, "0.1000000000000000055511" -> undefined.
 */
export function toExactNumber(text: string): number | undefined {
  const decimal = parseDecimal(text);
  if (!decimal) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return undefined;
  const printed = parseDecimal(String(value));
  if (!printed || compareDecimals(decimal, printed) !== 0) return undefined;
  return value === 0 ? 0 : value; // never -0
}
