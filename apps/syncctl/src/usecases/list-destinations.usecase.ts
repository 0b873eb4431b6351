import type { AdminApiClient } from '../services/admin-api.client';
import type { DestinationSummary } from '../types/destination-summary.type';

/** `syncctl destinations <tenant>`: the ids pause/resume take, with each one's state. */
export class ListDestinationsUseCase {
  constructor(private readonly admin: AdminApiClient) {}

  async execute(tenant: string): Promise<DestinationSummary[]> {
    const destinations = await this.admin.send<DestinationSummary[]>(
      'GET',
      `/v1/admin/tenants/${encodeURIComponent(tenant)}/destinations`,
      `list the destinations of tenant ${tenant}`,
    );
    return [...destinations].sort((a, b) => a.name.localeCompare(b.name));
  }
}
