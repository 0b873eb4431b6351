import { parseIsoDateTime } from './parse-iso-datetime.util';

describe(parseIsoDateTime.name, () => {
  it.each([
    ['2024-03-01T12:34:56.789Z', Date.UTC(2024, 2, 1, 12, 34, 56, 789)],
    ['2024-03-01T12:34:56.789412Z', Date.UTC(2024, 2, 1, 12, 34, 56, 789)],
    ['2024-03-01T12:34Z', Date.UTC(2024, 2, 1, 12, 34)],
    ['2024-03-01 14:34:56+02', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01T07:04:56-05:30', Date.UTC(2024, 2, 1, 12, 34, 56)],
    ['2024-03-01T14:34:56+0200', Date.UTC(2024, 2, 1, 12, 34, 56)],
  ])('%s', (text, expected) => {
    expect(parseIsoDateTime(text)).toBe(expected);
  });

  it.each([
    '2024-03-01T12:34:56', // no offset
    '2024-02-30T00:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T12:60:00Z',
    '2024-03-01T12:00:60Z',
    '2024-03-01',
    'March 1, 2024',
  ])('%s is not a timestamp', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
