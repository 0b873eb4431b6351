import {
  createConnector,
  CrmConnector,
  DeliveryException,
  PropertyDefinition,
  RateLimitObservation,
} from '@syncline/connectors';
import { CacheKeyBuilder, SharedRateLimiter } from '@syncline/cache';
import { Destination, DestinationRepository } from '@syncline/control-plane';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { recordRateLimitObservation } from './record-rate-limit-observation.util';

const PROPERTIES_TTL_MS = 5 * 60 * 1000;
const SEARCH_SLOT_WAIT_MS = 30_000;

/**
 * One connector per destination (rebuilt when the destination changes, e.g. new credentials) and
 * the destination's property metadata per object, re-read every few minutes.
 */
export class ConnectorPool {
  private readonly connectors = new Map<
    string,
    { version: number; connector: Promise<CrmConnector> }
  >();
  private readonly describeCache = new Map<
    string,
    { at: number; properties: Promise<PropertyDefinition[]> }
  >();

  constructor(
    private readonly destinations: DestinationRepository,
    private readonly limiter: SharedRateLimiter,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly keys: CacheKeyBuilder,
  ) {}

  async connectorFor(destination: Destination): Promise<CrmConnector> {
    const cached = this.connectors.get(destination.id);
    if (cached && cached.version === destination.version) return cached.connector;
    let created: CrmConnector | undefined;
    const connector = this.destinations.connection(destination.id).then((connection) => {
      created = createConnector(connection, {
        onRateLimit: (observation: RateLimitObservation) =>
          recordRateLimitObservation(this.metrics, destination.id, observation),
        // Searches (two-way polling) share the account's search limit with every replica.
        beforeSearch: () => this.searchSlot(destination, created),
      });
      return created;
    });
    this.connectors.set(destination.id, { version: destination.version, connector });
    connector.catch(() => this.connectors.delete(destination.id));
    return connector;
  }

  private async searchSlot(destination: Destination, connector?: CrmConnector): Promise<void> {
    const limit = connector?.searchLimit;
    if (!limit) return;
    const bucket = this.keys.searchRateBucket(destination.id);
    const slot = await this.limiter.acquire(bucket, limit, SEARCH_SLOT_WAIT_MS);
    if (!slot.granted)
      throw new DeliveryException('rate_limited', 'no search slot within 30 s', {
        retryAfterMs: slot.waitMs,
      });
  }

  async properties(
    destination: Destination,
    connector: CrmConnector,
    object: string,
  ): Promise<PropertyDefinition[]> {
    const key = `${destination.id}/${destination.version}/${object}`;
    const cached = this.describeCache.get(key);
    if (cached && Date.now() - cached.at < PROPERTIES_TTL_MS) return cached.properties;
    // Metadata reads count against the same allowance as deliveries.
    const properties = this.limiter
      .acquire(
        destination.id,
        destination.rateLimit,
        30_000,
        connector.requestsPerCall?.describe ?? 1,
      )
      .then((slot) => {
        if (!slot.granted)
          throw new DeliveryException('rate_limited', 'no rate-limit slot for describe', {
            retryAfterMs: slot.waitMs,
          });
        return connector.describe(object);
      });
    this.describeCache.set(key, { at: Date.now(), properties });
    properties.catch(() => this.describeCache.delete(key));
    return properties;
  }
}
