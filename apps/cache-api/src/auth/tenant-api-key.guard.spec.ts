import { ExecutionContext, HttpException } from '@nestjs/common';
import { loadConfig } from '@syncline/config';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { TenantApiKeyGuard } from './tenant-api-key.guard';

const single: CollectionDefinition = {
  name: 'warehouses',
  schema: 'inventory',
  table: 'warehouses',
  keyColumns: ['id'],
  fixedTenant: 'hq',
  columns: { id: { kind: 'integer', nullable: false } },
};
const perTenant: CollectionDefinition = {
  ...single,
  name: 'stock_level',
  tenantColumn: 'org',
  fixedTenant: undefined,
  columns: { id: { kind: 'integer', nullable: false }, org: { kind: 'text', nullable: false } },
};
const guard = new TenantApiKeyGuard(
  loadConfig({
    SYNCLINE_API_KEYS: 'acme=key-acme-0123456789,hq=key-hq-0123456789',
    SYNCLINE_ADMIN_API_KEY: 'admin-key-0123456789-0123456789-0123456789',
  }),
  CollectionRegistry.of([single, perTenant]),
);

function statusOf(key: string | undefined, params: Record<string, string>): number {
  const request = { headers: key ? { 'x-api-key': key } : {}, params };
  const context = {
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  try {
    return guard.canActivate(context) ? 200 : 0;
  } catch (error) {
    return (error as HttpException).getStatus();
  }
}

describe(TenantApiKeyGuard.name, () => {
  it("opens a tenant's routes to its key and the admin key only", () => {
    const params = { tenant: 'acme', collection: 'stock_level' };
    expect(statusOf('key-acme-0123456789', params)).toBe(200);
    expect(statusOf('admin-key-0123456789-0123456789-0123456789', params)).toBe(200);
    expect(statusOf('key-hq-0123456789', params)).toBe(403);
    expect(statusOf('not-a-key', params)).toBe(401);
    expect(statusOf(undefined, params)).toBe(401);
  });

  it("opens a single-tenant collection to its fixed tenant's key and the admin key", () => {
    const params = { collection: 'warehouses' };
    expect(statusOf('key-hq-0123456789', params)).toBe(200);
    expect(statusOf('admin-key-0123456789-0123456789-0123456789', params)).toBe(200);
    expect(statusOf('key-acme-0123456789', params)).toBe(403);
    expect(statusOf(undefined, params)).toBe(401);
  });

  it('lets a known key through to the route when the collection is unknown (the route answers 404)', () => {
    expect(statusOf('key-acme-0123456789', { collection: 'invoices' })).toBe(200);
    expect(statusOf('not-a-key', { collection: 'invoices' })).toBe(401);
  });
});
