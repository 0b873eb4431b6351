import { finalStateRows } from './final-state-rows';

describe(finalStateRows.name, () => {
  it('lists each hop, a dash for an unmapped CRM, and whether the hops agree', () => {
    expect(
      finalStateRows([
        {
          label: 'Ada',
          entity: 'contact',
          hops: { postgres: 'v7 Ada', redis: 'v7 Ada', hubspot: 'Ada' },
          problems: [],
        },
        {
          label: 'Grace',
          entity: 'contact',
          hops: { postgres: 'no row', redis: 'no entry', hubspot: 'x', salesforce: 'y' },
          problems: ['HubSpot still holds it (5)', 'Redis has no entry'],
        },
      ]),
    ).toEqual([
      ['contact Ada', 'v7 Ada', 'v7 Ada', 'Ada', '-', 'yes'],
      [
        'contact Grace',
        'no row',
        'no entry',
        'x',
        'y',
        'NO: HubSpot still holds it (5); Redis has no entry',
      ],
    ]);
  });
});
