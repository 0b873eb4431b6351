import { bigintNumberTransformer } from './bigint-number.transformer';

describe('bigintNumberTransformer', () => {
  it('turns the string node-postgres returns for bigint into a number', () => {
    expect(bigintNumberTransformer.from('1')).toBe(1);
    expect(bigintNumberTransformer.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps null for nullable columns', () => {
    expect(bigintNumberTransformer.from(null)).toBeNull();
  });

  it('refuses a value that would lose precision instead of corrupting version ordering', () => {
    expect(() => bigintNumberTransformer.from('9007199254740993')).toThrow(RangeError);
  });

  it('writes numbers unchanged', () => {
    expect(bigintNumberTransformer.to(42)).toBe(42);
  });
});
