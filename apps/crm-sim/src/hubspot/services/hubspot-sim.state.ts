import { Injectable } from '@nestjs/common';
import { SimCallLogService } from '../../common/services/sim-call-log.service';
import { SimFaultService } from '../../common/services/sim-fault.service';
import type { SimBackend } from '../../common/types/sim-backend.type';
import type { SimCall } from '../../common/types/sim-call.type';
import type { SimFaultsInput } from '../../common/types/sim-faults-input.type';
import type { SimFaultsView } from '../../common/types/sim-faults-view.type';
import type { SimStats } from '../../common/types/sim-stats.type';
import { parseFaultsInput } from '../../common/utils/parse-faults-input.util';
import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotRateLimits } from '../types/hubspot-rate-limits.type';
import type { HubSpotWebhookDelivery } from '../types/hubspot-webhook-delivery.type';
import type { HubSpotWebhookFaults } from '../types/hubspot-webhook-faults.type';
import { normalizeHubSpotObjectType } from '../utils/normalize-hubspot-object-type.util';
import { toHubSpotPublicObject } from '../utils/to-hubspot-public-object.util';
import { HubSpotCrmUserService } from './hubspot-crm-user.service';
import { HubSpotObjectStore } from './hubspot-object.store';
import { HubSpotPropertyRegistry } from './hubspot-property.registry';
import { HubSpotRateLimiter } from './hubspot-rate-limiter.service';
import { HubSpotWebhookDispatcher } from './hubspot-webhook.dispatcher';
import { HubSpotWebhookPublisher } from './hubspot-webhook.publisher';
import { HubSpotWebhookRegistry } from './hubspot-webhook.registry';

/**
 * The in-process handle tests get as `sim.state`: the same operations as the `/__sim` admin API,
 * typed, without HTTP.
 */
@Injectable()
export class HubSpotSimState implements SimBackend {
  constructor(
    private readonly store: HubSpotObjectStore,
    private readonly properties: HubSpotPropertyRegistry,
    private readonly limiter: HubSpotRateLimiter,
    private readonly faults: SimFaultService,
    private readonly callLog: SimCallLogService,
    private readonly crmUser: HubSpotCrmUserService,
    private readonly webhookRegistry: HubSpotWebhookRegistry,
    private readonly webhookDispatcher: HubSpotWebhookDispatcher,
    private readonly webhookPublisher: HubSpotWebhookPublisher,
  ) {}

  /** Creates a record as a user in the HubSpot UI: a CRM_UI creation event, no call-log entry. */
  createRecord(objectType: string, properties: Record<string, string | null>): HubSpotPublicObject {
    return this.crmUser.create(objectType, { properties });
  }

  /** Edits properties as a user in the HubSpot UI: CRM_UI webhook events, no call-log entry. */
  editRecord(
    objectType: string,
    id: string,
    properties: Record<string, string | null>,
  ): HubSpotPublicObject {
    return this.crmUser.edit(objectType, id, { properties });
  }

  /** Deletes (archives) a record as a user in the HubSpot UI. */
  archiveRecord(objectType: string, id: string): void {
    this.crmUser.archive(objectType, id);
  }

  /** Webhook POSTs made so far (after `sinceSeq`), oldest first. */
  webhookDeliveries(sinceSeq = 0): HubSpotWebhookDelivery[] {
    return this.webhookDispatcher.list(sinceSeq);
  }

  /** Events not yet delivered (queued, in flight or waiting to retry). */
  pendingWebhookEvents(): number {
    return this.webhookDispatcher.pending();
  }

  setWebhookFaults(faults: Partial<HubSpotWebhookFaults>): HubSpotWebhookFaults {
    return this.webhookDispatcher.setFaults(faults);
  }

  /** Every record of a type with all its properties, archived ones included, in id order. */
  records(objectType: string): HubSpotPublicObject[] {
    return this.store
      .all(normalizeHubSpotObjectType(objectType))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => toHubSpotPublicObject(r, 'all'));
  }

  listRecords(objectType: string, updatedSinceMs?: number): unknown[] {
    if (updatedSinceMs === undefined) return this.records(objectType);
    return this.store
      .all(normalizeHubSpotObjectType(objectType))
      .filter((r) => Math.max(r.updatedAt, r.archivedAt ?? 0) >= updatedSinceMs)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => toHubSpotPublicObject(r, 'all'));
  }

  recordCounts(): Record<string, number> {
    return this.store.counts();
  }

  propertyDefinitions(objectType: string): HubSpotPropertyDefinition[] {
    return this.properties.list(normalizeHubSpotObjectType(objectType));
  }

  calls(sinceSeq = 0): SimCall[] {
    return this.callLog.list(sinceSeq);
  }

  stats(): SimStats {
    return this.callLog.getStats();
  }

  setFaults(input: SimFaultsInput): SimFaultsView {
    return this.faults.apply(parseFaultsInput(input));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  getLimits(): HubSpotRateLimits & { dailyUsed: number } {
    return this.limiter.getLimits();
  }

  updateLimits(patch: unknown): HubSpotRateLimits & { dailyUsed: number } {
    return this.limiter.updateLimits(patch);
  }

  setLimits(
    patch: Partial<HubSpotRateLimits> & { dailyUsed?: number },
  ): HubSpotRateLimits & { dailyUsed: number } {
    return this.limiter.updateLimits(patch);
  }

  reset(): void {
    this.store.reset();
    this.properties.reset();
    this.limiter.reset();
    this.faults.clear();
    this.callLog.clear();
    this.webhookRegistry.reset();
    this.webhookDispatcher.reset();
    this.webhookPublisher.reset();
  }
}
