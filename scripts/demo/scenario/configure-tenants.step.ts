import type { DestinationInput } from '@syncline/control-plane';
import type { EntityMapping } from '@syncline/mapping';
import type { DemoContext, DemoTenant } from './demo-context';
import { CrmKind, DemoEntity, MAPPING_DOCUMENTS, PLAN_FIELD } from './mapping-documents';
import { startDeliveryWorker } from './start-apps.step';

/** What each CRM allows per destination (HubSpot private app: 100 per 10 s; Salesforce paced). */
const RATE_LIMITS = {
  hubspot: { requestsPerInterval: 100, intervalMs: 10_000 },
  salesforce: { requestsPerInterval: 25, intervalMs: 1000 },
} as const;

/**
 * The custom field in both CRMs, then per tenant through the admin API: the tenant, a HubSpot and
 * a Salesforce destination (credentials go in encrypted, never come out), and a mapping per
 * entity and destination. Then the delivery-worker starts with all of it loaded.
 */
export async function configureTenants(context: DemoContext): Promise<void> {
  const { printer, hubspot, salesforce, tenants } = context;
  printer.step('Configure two tenants, each with a HubSpot and a Salesforce destination');
  await hubspot.createProperty('contacts', PLAN_FIELD.hubspotProperty, 'Plan');
  await salesforce.addTextField('Contact', PLAN_FIELD.salesforceField, 'Plan');
  printer.act(
    `custom field ${PLAN_FIELD.source} -> HubSpot property ${PLAN_FIELD.hubspotProperty}, ` +
      `Salesforce field Contact.${PLAN_FIELD.salesforceField}`,
  );
  for (const tenant of Object.values(tenants)) {
    await configureTenant(context, tenant);
  }
  await startDeliveryWorker(context);
}

async function configureTenant(context: DemoContext, tenant: DemoTenant): Promise<void> {
  const { admin, urls, printer } = context;
  await admin.putTenant(tenant.id, tenant.name);
  const inputs: Record<CrmKind, DestinationInput> = {
    hubspot: {
      name: `${tenant.name} HubSpot`,
      kind: 'hubspot',
      baseUrl: urls.hubspot,
      credentials: { accessToken: `${tenant.id}-private-app-token` },
      rateLimit: RATE_LIMITS.hubspot,
    },
    salesforce: {
      name: `${tenant.name} Salesforce`,
      kind: 'salesforce',
      baseUrl: urls.salesforce,
      credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
      options: { loginUrl: urls.salesforce },
      rateLimit: RATE_LIMITS.salesforce,
    },
  };
  const described: string[] = [];
  for (const kind of Object.keys(inputs) as CrmKind[]) {
    const destination = await admin.createDestination(tenant.id, inputs[kind]);
    tenant.destinations[kind] = destination;
    const mappings: Partial<Record<DemoEntity, EntityMapping>> = {};
    for (const [entity, document] of Object.entries(MAPPING_DOCUMENTS[kind])) {
      mappings[entity as DemoEntity] = await admin.putMapping(
        tenant.id,
        entity,
        destination.id,
        document,
      );
    }
    tenant.mappings[kind] = mappings;
    described.push(
      `${destination.name} ${destination.id.slice(0, 8)} (${Object.values(MAPPING_DOCUMENTS[kind])
        .map((document) => document.object)
        .join(', ')})`,
    );
  }
  printer.see(tenant.id, described.join('; '));
}
