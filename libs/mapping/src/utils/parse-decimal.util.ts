import { DecimalValue } from '../types/decimal-value.type';

// Plain decimals as Postgres prints `numeric` ("1250.50", "-3"), plus the exponent form JSON numbers
// take when printed by JavaScript ("1e+21", "1.5e-7").
const DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d{1,9}))?$/;

/** Parses a decimal string exactly (no floating point); `undefined` when it is not one. */
export function parseDecimal(text: string): DecimalValue | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, intPart = '', fracAfterInt, fracOnly, exponent = '0'] = match;
  const fraction = fracAfterInt ?? fracOnly ?? '';
  let digits = intPart + fraction;
  let scale = intPart.length + Number(exponent);
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leading).replace(/0+$/, '');
  scale -= leading;
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative: sign === '-', digits, exponent: scale };
}
