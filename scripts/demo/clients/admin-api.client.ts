import type { DeliveryLogEntry, Destination, DestinationInput } from '@syncline/control-plane';
import type { EntityMapping, MappingDocument } from '@syncline/mapping';
import { requestOk } from './http-json';

/** What `PUT /mappings/:entity/:destinationId` takes in its body (the rest is in the path). */
export type MappingBody = Omit<MappingDocument, 'entity' | 'destinationId'>;

/** The cache-api's control-plane API (admin key): tenants, destinations, mappings, delivery log. */
export class AdminApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  async putTenant(tenant: string, name: string): Promise<void> {
    await this.call('PUT', tenant, '', { name });
  }

  createDestination(tenant: string, input: DestinationInput): Promise<Destination> {
    return this.call('POST', tenant, '/destinations', input);
  }

  /** Removes a destination with its mappings and delivery log. */
  async deleteDestination(tenant: string, destinationId: string): Promise<void> {
    await this.call('DELETE', tenant, `/destinations/${destinationId}`);
  }

  putMapping(
    tenant: string,
    entity: string,
    destinationId: string,
    document: MappingBody,
  ): Promise<EntityMapping> {
    return this.call('PUT', tenant, `/mappings/${entity}/${destinationId}`, document);
  }

  /** The latest delivery per record to a destination, newest first. */
  deliveries(
    tenant: string,
    destinationId: string,
    query: { status?: DeliveryLogEntry['status']; recordId?: string } = {},
  ): Promise<DeliveryLogEntry[]> {
    const search = new URLSearchParams(query as Record<string, string>).toString();
    return this.call(
      'GET',
      tenant,
      `/destinations/${destinationId}/deliveries${search ? `?${search}` : ''}`,
    );
  }

  private call<T>(method: string, tenant: string, path: string, body?: unknown): Promise<T> {
    return requestOk<T>(method, `${this.baseUrl}/v1/admin/tenants/${tenant}${path}`, {
      headers: { 'x-api-key': this.adminKey },
      body,
    });
  }
}
