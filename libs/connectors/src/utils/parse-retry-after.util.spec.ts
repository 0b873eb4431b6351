import { parseRetryAfter } from './parse-retry-after.util';

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [' 10 ', 10_000],
    ['Wed, 01 Jan 2025 00:01:00 GMT', 60_000],
    ['Tue, 31 Dec 2024 00:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%p -> %p ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
