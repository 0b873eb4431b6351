import { toExactNumber } from './to-exact-number.util';

describe(toExactNumber.name, () => {
  it.each([
    ['1250.50', 1250.5],
    ['0.1', 0.1],
    ['-3', -3],
    ['007', 7],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1.5e-7', 1.5e-7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9007199254740991', -Number.MAX_SAFE_INTEGER],
    ['123456.789012345', 123456.789012345],
  ])('%s -> %d', (text, expected) => {
    expect(toExactNumber(text)).toBe(expected);
  });

  it.each([
    '12345678901234567890', // more digits than a double holds
    '9007199254740992', // 2^53: also what 2^53 + 1 reads as
    '1e21', // exact, but beyond 2^53
    '0.1000000000000000055511151231257827',
    '1234567.8901234567891',
    'abc',
    '',
    'NaN',
    'Infinity',
    '0x10',
    '1_000',
    ' 1',
  ])('%s -> undefined', (text) => {
    expect(toExactNumber(text)).toBeUndefined();
  });
});
