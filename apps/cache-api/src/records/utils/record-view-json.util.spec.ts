import { recordViewJson } from './record-view-json.util';

describe(recordViewJson.name, () => {
  it('is byte for byte what JSON.stringify makes of the RecordView', () => {
    const data = { id: 'b1', first_name: 'Zoë "Z"', custom_fields: { tags: ['a', 'b'] }, n: null };
    const view = {
      tenant: 'acme.eu@x_1-2',
      entity: 'contact',
      id: '0b6e4c1e-5d1a-4f39-9c55-2f6d7b8e9a10',
      version: 9007199254740,
      data,
    };
    expect(
      recordViewJson(view.tenant, view.entity, view.id, view.version, JSON.stringify(data)),
    ).toBe(JSON.stringify(view));
  });

  it('escapes what it does not control', () => {
    const json = recordViewJson('a"b\\c', 'contact', 'x', 1, '{}');
    expect(JSON.parse(json)).toEqual({
      tenant: 'a"b\\c',
      entity: 'contact',
      id: 'x',
      version: 1,
      data: {},
    });
  });
});
