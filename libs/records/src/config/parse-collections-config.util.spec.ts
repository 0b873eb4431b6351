import { CollectionsConfigException } from '../exceptions/collections-config.exception';
import { parseCollectionsConfig } from './parse-collections-config.util';

describe(parseCollectionsConfig.name, () => {
  it('reads a YAML document with every optional field', () => {
    const config = parseCollectionsConfig(
      `collections:
  - table: inventory.stock_levels
    name: stock_level
    keyColumns: [warehouse_id, sku]
    tenantColumn: org
    versionColumn: rev
    exclude: [reserved]
    ttlSeconds: 3600
  - table: public.SkuCatalog
    tenant: shop-1
`,
      'collections.yaml',
    );
    expect(config.collections).toHaveLength(2);
    expect(config.collections?.[1]).toEqual({ table: 'public.SkuCatalog', tenant: 'shop-1' });
  });

  it('takes an empty document as zero-config', () => {
    expect(parseCollectionsConfig('', 'empty.yaml')).toEqual({});
  });

  it.each([
    [
      'an unknown field',
      'collections:\n  - table: a.b\n    tenantColum: org\n',
      '/collections/0: must NOT have additional properties (tenantColum)',
    ],
    [
      'a table without its schema',
      'collections:\n  - table: orders\n',
      '/collections/0/table: must match pattern',
    ],
    [
      'a name with a colon',
      'collections:\n  - table: a.b\n    name: "a:b"\n',
      '/collections/0/name: must match pattern',
    ],
    [
      'a zero TTL',
      'collections:\n  - table: a.b\n    ttlSeconds: 0\n',
      '/collections/0/ttlSeconds: must be >= 1',
    ],
    [
      'include and exclude together',
      'collections:\n  - table: a.b\n    include: [x]\n    exclude: [y]\n',
      'give include or exclude, not both',
    ],
    [
      'a fixed tenant beside a tenant column',
      'collections:\n  - table: a.b\n    tenant: t\n    tenantColumn: org\n',
      'tenant is for single-tenant collections',
    ],
    ['text that is not YAML', 'collections: [\n', 'is not YAML'],
  ])('refuses %s, naming the file and the field', (_label, text, message) => {
    expect(() => parseCollectionsConfig(text, 'c.yaml')).toThrow(CollectionsConfigException);
    expect(() => parseCollectionsConfig(text, 'c.yaml')).toThrow(message);
  });
});
