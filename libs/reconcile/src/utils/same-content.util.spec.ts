import { SourceRow } from '../types/source-row.type';
import { sameContent } from './same-content.util';

const row = (record: Record<string, unknown>): SourceRow => ({
  tenant: 't',
  id: '1',
  record,
  json: JSON.stringify(record),
  digest: '',
});

describe(sameContent.name, () => {
  it('is the same content in another key order, at any depth', () => {
    const source = row({ a: 1, b: { x: [1, { p: 1, q: 2 }], y: null } });
    expect(sameContent('{"b":{"y":null,"x":[1,{"q":2,"p":1}]},"a":1}', source)).toBe(true);
  });

  it('is other content when a value, an array order or a key differs', () => {
    const source = row({ a: 1, list: [1, 2] });
    expect(sameContent('{"a":2,"list":[1,2]}', source)).toBe(false);
    expect(sameContent('{"a":1,"list":[2,1]}', source)).toBe(false);
    expect(sameContent('{"a":1,"list":[1,2],"extra":null}', source)).toBe(false);
    expect(sameContent('not json', source)).toBe(false);
  });
});
