import { DeliveryException } from '../../exceptions/delivery.exception';
import type { ItemResult } from '../../types/item-result.type';
import { hubSpotItemError } from './hubspot-item-error.util';

import type { HubSpotStandardErrorLike } from '../types/hubspot-standard-error-like.type';

/** One entry of a batch `results[]`. */
interface HubSpotBatchResultLike {
  id: string;
  objectWriteTraceId?: string;
  properties?: Record<string, string | null | undefined>;
}

/**
 * Turns a batch response (200, or 207 multi-status) into one ItemResult per input, in input
 * order. Inputs are sent with `objectWriteTraceId` = their index, which HubSpot echoes on results
 * and in error `context`; `context.ids` (the idProperty values) and the results' idProperty values
 * are the fallbacks. An input named by no result and no error fails with an error nobody could
 * attribute, if there is one; otherwise HubSpot reported it done.
 */
export function matchHubSpotBatchResults(
  identities: readonly string[],
  idProperty: string,
  response: { results?: HubSpotBatchResultLike[]; errors?: HubSpotStandardErrorLike[] },
  what: string,
): ItemResult[] {
  const byTrace = new Map<string, number>();
  const byIdentity = new Map<string, number>();
  identities.forEach((identity, index) => {
    byTrace.set(String(index), index);
    byIdentity.set(identity.toLowerCase(), index);
  });
  const indexOf = (traceIds: (string | undefined)[], ids: (string | null | undefined)[]) => {
    for (const trace of traceIds) {
      if (trace !== undefined && byTrace.has(trace)) return byTrace.get(trace);
    }
    for (const id of ids) {
      if (typeof id === 'string' && byIdentity.has(id.toLowerCase())) {
        return byIdentity.get(id.toLowerCase());
      }
    }
    return undefined;
  };

  const outcomes: (ItemResult | undefined)[] = identities.map(() => undefined);
  for (const result of response.results ?? []) {
    const ids = idProperty === 'hs_object_id' ? [result.id] : [result.properties?.[idProperty]];
    const index = indexOf([result.objectWriteTraceId], ids);
    if (index !== undefined) {
      outcomes[index] = { identity: identities[index], ok: true, externalId: result.id };
    }
  }
  const unattributed: DeliveryException[] = [];
  for (const entry of response.errors ?? []) {
    const error = hubSpotItemError(entry, what);
    const traces = entry.context?.objectWriteTraceId ?? [];
    const ids = entry.context?.ids ?? [];
    const indexes = new Set<number>();
    for (const trace of traces) {
      const index = indexOf([trace], []);
      if (index !== undefined) indexes.add(index);
    }
    if (indexes.size === 0) {
      for (const id of ids) {
        const index = indexOf([], [id]);
        if (index !== undefined) indexes.add(index);
      }
    }
    if (indexes.size === 0) unattributed.push(error);
    for (const index of indexes)
      outcomes[index] = { identity: identities[index], ok: false, error };
  }
  return outcomes.map(
    (outcome, index) =>
      outcome ??
      (unattributed.length > 0
        ? { identity: identities[index], ok: false, error: unattributed[0] }
        : { identity: identities[index], ok: true }),
  );
}
