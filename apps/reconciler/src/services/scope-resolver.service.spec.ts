import { DestinationRepository } from '@syncline/control-plane';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { ReconcileScopeException, SourceManifestReader } from '@syncline/reconcile';
import { ScopeResolver } from './scope-resolver.service';

const collection = (name: string, schema: string, table: string): CollectionDefinition => ({
  name,
  schema,
  table,
  keyColumns: ['id'],
  columns: { id: { kind: 'integer', nullable: false } },
});

describe(ScopeResolver.name, () => {
  const registry = CollectionRegistry.of([
    collection('stock_level', 'inventory', 'stock_levels'),
    collection('SkuCatalog', 'public', 'SkuCatalog'),
    collection('items', 'public', 'items'),
    collection('Items', 'archive', 'old_items'),
  ]);
  const resolver = new ScopeResolver(
    registry,
    { tenantExists: () => Promise.resolve(true) } as unknown as SourceManifestReader,
    { list: () => Promise.resolve([]) } as unknown as DestinationRepository,
  );
  const entityOf = async (value: string) =>
    (await resolver.resolve('cache', { collection: value })).scope.entity;

  it('finds a collection by name, table or schema.table, case-insensitively when unambiguous', async () => {
    expect(await entityOf('stock_level')).toBe('stock_level');
    expect(await entityOf('stock_levels')).toBe('stock_level');
    expect(await entityOf('inventory.stock_levels')).toBe('stock_level');
    expect(await entityOf('skucatalog')).toBe('SkuCatalog');
    expect(await entityOf('archive.old_items')).toBe('Items');
    // Exact spelling wins over a case-insensitive match.
    expect(await entityOf('Items')).toBe('Items');
    expect((await resolver.resolve('cache', { entity: 'items' })).scope.entity).toBe('items');
  });

  it('names the known collections when the flag matches none, or several', async () => {
    await expect(entityOf('widgets')).rejects.toThrow(ReconcileScopeException);
    await expect(entityOf('widgets')).rejects.toThrow(
      'unknown collection "widgets": one of stock_level, SkuCatalog, items, Items',
    );
    await expect(entityOf('ITEMS')).rejects.toThrow('ambiguous collection "ITEMS"');
  });
});
