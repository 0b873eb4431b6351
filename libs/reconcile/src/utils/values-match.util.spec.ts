import { differingProperties } from './differing-properties.util';
import { valuesMatch } from './values-match.util';

describe(valuesMatch.name, () => {
  it.each([
    ['null and empty text (HubSpot clears with "")', null, ''],
    ['null and absent', null, undefined],
    ['a boolean and its text', true, 'true'],
    ['a boolean and its upper-case text', false, 'FALSE'],
    ['a number and its text', 1250.5, '1250.5'],
    ['a decimal string and the number a CRM stored', '1250.50', '1250.5'],
    ['an integer and a float text', 42, '42.0'],
    ['epoch ms and ISO (HubSpot datetime)', Date.UTC(2026, 11, 31), '2026-12-31T00:00:00.000Z'],
    ['a date and its midnight', '2026-12-31', '2026-12-31T00:00:00Z'],
    ['ISO with and without ms', '2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05Z'],
    [
      'ISO and a Salesforce +0000 offset',
      '2026-01-02T03:04:05.000Z',
      '2026-01-02T03:04:05.000+0000',
    ],
    ['emails in any case (HubSpot lowercases)', 'Ada@Example.com', 'ada@example.com'],
    ['equal text', 'Grace', 'Grace'],
  ])('matches %s', (_what, expected, actual) => {
    expect(valuesMatch(expected, actual)).toBe(true);
  });

  it.each([
    ['different text', 'Grace', 'Grace B.'],
    ['text that differs only in case (not an email)', 'Grace', 'grace'],
    ['a value and empty', 'Grace', ''],
    ['different numbers', 10, '10.5'],
    ['different instants', '2026-12-31', '2026-12-30T00:00:00.000Z'],
    ['a boolean and another', true, 'false'],
    ['text and an object', 'x', { x: 1 }],
  ])('tells apart %s', (_what, expected, actual) => {
    expect(valuesMatch(expected, actual)).toBe(false);
  });

  it('lists the mapped properties a CRM record does not hold', () => {
    expect(
      differingProperties(
        { firstname: 'Grace', lastname: 'Hopper', amount: 10, phone: null },
        { firstname: 'Grace', lastname: 'H.', amount: '10', extra: 'ignored' },
      ),
    ).toEqual(['lastname']);
  });
});
