/**
 * An exact decimal, normalised so equal values have equal fields: value = ±0.`digits` × 10^`exponent`,
 * `digits` without leading or trailing zeros. Zero is `{ negative: false, digits: '', exponent: 0 }`.
 */
export interface DecimalValue {
  negative: boolean;
  digits: string;
  exponent: number;
}
