import { SyncctlException } from '../exceptions/syncctl.exception';
import { parseTableRef, tableName } from './parse-table-ref.util';

describe(parseTableRef.name, () => {
  it.each([
    ['public.orders', { schema: 'public', table: 'orders' }],
    ['inventory.stock_levels', { schema: 'inventory', table: 'stock_levels' }],
    ['public.SkuCatalog', { schema: 'public', table: 'SkuCatalog' }],
    ['public."SkuCatalog"', { schema: 'public', table: 'SkuCatalog' }],
    ['"My.Schema".t', { schema: 'My.Schema', table: 't' }],
    ['public.a.b', { schema: 'public', table: 'a.b' }],
    ['public."say ""hi"""', { schema: 'public', table: 'say "hi"' }],
  ])('reads %s', (text, expected) => {
    expect(parseTableRef(text)).toEqual(expected);
    expect(tableName(parseTableRef(text))).toBe(`${expected.schema}.${expected.table}`);
  });

  it.each(['orders', '.orders', 'public.', '"public.orders', ''])(
    'refuses %j with a usage error that shows the form',
    (text) => {
      expect(() => parseTableRef(text)).toThrow(SyncctlException);
      expect(() => parseTableRef(text)).toThrow(/schema\.table/);
    },
  );
});
