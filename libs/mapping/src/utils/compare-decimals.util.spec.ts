import { compareDecimals } from './compare-decimals.util';
import { parseDecimal } from './parse-decimal.util';

const compare = (a: string, b: string) => compareDecimals(parseDecimal(a)!, parseDecimal(b)!);

describe(compareDecimals.name, () => {
  it('treats equal values written differently as equal', () => {
    expect(compare('1250.50', '1250.5')).toBe(0);
    expect(compare('0.0', '-0')).toBe(0);
    expect(compare('1e3', '1000.000')).toBe(0);
  });

  it('orders by value, not by text', () => {
    expect(compare('999', '1250.50')).toBe(-1);
    expect(compare('10', '9.99')).toBe(1);
    expect(compare('-10', '-9')).toBe(-1);
    expect(compare('-0.5', '0')).toBe(-1);
    expect(compare('0.001', '0.01')).toBe(-1);
    expect(compare('12345678901234567891', '12345678901234567890')).toBe(1);
  });
});
