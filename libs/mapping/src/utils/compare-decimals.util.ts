import { DecimalValue } from '../types/decimal-value.type';

/** Exact order of two decimals: -1, 0 or 1. */
export function compareDecimals(a: DecimalValue, b: DecimalValue): -1 | 0 | 1 {
  const signA = signOf(a);
  const signB = signOf(b);
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  let magnitude: -1 | 0 | 1;
  if (a.exponent !== b.exponent) {
    magnitude = a.exponent < b.exponent ? -1 : 1;
  } else {
    const width = Math.max(a.digits.length, b.digits.length);
    const left = a.digits.padEnd(width, '0');
    const right = b.digits.padEnd(width, '0');
    magnitude = left === right ? 0 : left < right ? -1 : 1;
  }
  return signA < 0 ? ((-magnitude || 0) as -1 | 0 | 1) : magnitude;
}

function signOf(value: DecimalValue): -1 | 0 | 1 {
  if (value.digits === '') return 0;
  return value.negative ? -1 : 1;
}
