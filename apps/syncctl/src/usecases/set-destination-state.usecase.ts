import type { AdminApiClient } from '../services/admin-api.client';
import type { DestinationSummary } from '../types/destination-summary.type';

export type DestinationChange = 'paused' | 'resumed' | 'already paused' | 'not paused';

/**
 * `syncctl pause|resume <tenant> <destination>`: flips the destination's `paused` flag in the
 * control plane (the admin API). Every delivery-worker replica sees it at its next control-plane
 * reload (SYNCLINE_CONTROL_REFRESH_MS); a paused destination's changes wait in Kafka, nothing is
 * dropped, and resume delivers the backlog.
 */
export class SetDestinationStateUseCase {
  constructor(private readonly admin: AdminApiClient) {}

  async execute(
    tenant: string,
    destinationId: string,
    paused: boolean,
  ): Promise<{ change: DestinationChange; destination: DestinationSummary }> {
    const path = `/v1/admin/tenants/${encodeURIComponent(tenant)}/destinations/${encodeURIComponent(destinationId)}`;
    const what = `${paused ? 'pause' : 'resume'} destination ${destinationId} of tenant ${tenant}`;
    const current = await this.admin.send<DestinationSummary>('GET', path, what);
    if (current.paused === paused) {
      return { change: paused ? 'already paused' : 'not paused', destination: current };
    }
    const updated = await this.admin.send<DestinationSummary>(
      'POST',
      `${path}/${paused ? 'pause' : 'resume'}`,
      what,
    );
    return { change: paused ? 'paused' : 'resumed', destination: updated };
  }
}
