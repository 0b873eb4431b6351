import { DestinationRepository } from '@syncline/control-plane';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';

// What both inventory delivery specs deliver to: HubSpot custom objects for inventory.stock_levels
// (under its composite record id) and public."SkuCatalog" (under its text key), and the mappings.
export const STOCK = 'p_stock_levels';
export const SKUS = 'p_sku_catalog';

export const STOCK_MAPPING = {
  object: STOCK,
  identity: { source: '$id', target: 'syncline_key' },
  fields: [
    { source: 'sku', target: 'sku' },
    { source: 'warehouse_id', target: 'warehouse_id', transform: 'number' },
    { source: 'on_hand', target: 'on_hand', transform: 'number' },
    { source: 'fill', target: 'fill', transform: 'number' },
  ],
  // Only what is in stock is in the CRM: a level that drops to 0 is archived there.
  rules: {
    operations: ['create', 'update', 'delete'],
    conditions: [{ field: 'on_hand', op: 'gt', value: 0 }],
    deletePolicy: 'archive',
  },
};

export const SKU_MAPPING = {
  object: SKUS,
  identity: { source: 'Sku', target: 'sku' },
  fields: [
    { source: 'DisplayName', target: 'display_name' },
    { source: 'UnitPrice', target: 'unit_price', transform: 'number' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
};

export function startInventoryHubSpot(): Promise<RunningHubSpotSim> {
  return startHubSpotSim({
    port: 0,
    properties: {
      [STOCK]: [
        { name: 'syncline_key', type: 'string', hasUniqueValue: true },
        { name: 'sku', type: 'string' },
        { name: 'warehouse_id', type: 'number' },
        { name: 'on_hand', type: 'number' },
        { name: 'fill', type: 'number' },
      ],
      [SKUS]: [
        { name: 'sku', type: 'string', hasUniqueValue: true },
        { name: 'display_name', type: 'string' },
        { name: 'unit_price', type: 'number' },
      ],
    },
  });
}

/** The tenant (created if missing) and a HubSpot destination of it on `hubspot`; its id. */
export async function createHubSpotDestination(
  repository: DestinationRepository,
  hubspot: RunningHubSpotSim,
  tenant: string,
): Promise<string> {
  await repository.putTenant(tenant, tenant);
  const created = await repository.create(tenant, {
    name: `HubSpot ${tenant}`,
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-private-app-token' },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  return created.id;
}

/** The record of `object` whose `property` is `value`, live or archived as asked. */
export function hubspotRecord(
  hubspot: RunningHubSpotSim,
  object: string,
  property: string,
  value: string,
  archived = false,
) {
  return hubspot.state
    .records(object)
    .find((record) => record.properties[property] === value && !record.archived === !archived);
}
