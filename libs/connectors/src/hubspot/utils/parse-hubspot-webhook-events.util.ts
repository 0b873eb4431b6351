import { HUBSPOT_WEBHOOK_OBJECT_TYPES } from '../constants/hubspot-webhook-object-types.constant';
import type { HubSpotWebhookHint } from '../types/hubspot-webhook-hint.type';
import type { HubSpotWebhookParseResult } from '../types/hubspot-webhook-parse-result.type';

type Kind = HubSpotWebhookHint['kind'];

/** What each event action means for the record's row; `null`: no row changes (associations). */
const ACTION_KINDS: Readonly<Record<string, Kind | null>> = {
  creation: 'creation',
  propertyChange: 'change',
  restore: 'change',
  deletion: 'deletion',
  privacyDeletion: 'deletion',
  merge: 'change',
  associationChange: null,
};

/**
 * Reads the JSON array HubSpot POSTs to an app's target URL (Webhooks v3: legacy
 * `<object>.propertyChange`-style events, and generic `object.*` ones that name the object by
 * `objectTypeId`) into hints. A bad event becomes a problem, never an exception, so one
 * unknown subscription type does not lose the rest of the batch. A merge hints a change of the
 * surviving record and a deletion of each merged-away one.
 */
export function parseHubSpotWebhookEvents(body: unknown): HubSpotWebhookParseResult {
  const hints: HubSpotWebhookHint[] = [];
  const problems: string[] = [];
  let events = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      events = JSON.parse(body.toString());
    } catch {
      return { hints, problems: ['body is not JSON'] };
    }
  }
  if (!Array.isArray(events)) return { hints, problems: ['body is not a JSON array of events'] };
  events.forEach((event: unknown, index) => {
    const result = toHints(event);
    if (typeof result === 'string') problems.push(`event ${index}: ${result}`);
    else hints.push(...result);
  });
  return { hints, problems };
}

function toHints(event: unknown): HubSpotWebhookHint[] | string {
  if (typeof event !== 'object' || event === null) return 'not an object';
  const e = event as Record<string, unknown>;
  const type = e.subscriptionType;
  if (typeof type !== 'string') return 'no subscriptionType';
  const dot = type.indexOf('.');
  const prefix = type.slice(0, dot);
  const action = type.slice(dot + 1);
  const kind = dot > 0 ? ACTION_KINDS[action] : undefined;
  if (kind === undefined) return `unsupported subscriptionType ${type}`;
  const target = objectOf(prefix, e.objectTypeId);
  if (typeof target === 'string') return `${type}: ${target}`;
  if (kind === null) return [];
  const occurredAt = e.occurredAt;
  if (typeof occurredAt !== 'number' || !Number.isFinite(occurredAt))
    return `${type}: no occurredAt`;
  const eventId = idText(e.eventId);
  if (eventId === undefined) return `${type}: no eventId`;
  if (typeof e.portalId !== 'number') return `${type}: no portalId`;
  const base = {
    ...target,
    portalId: e.portalId,
    occurredAt: new Date(occurredAt).toISOString(),
    changeSource: typeof e.changeSource === 'string' ? e.changeSource : null,
    eventId,
    subscriptionType: type,
    ...(typeof e.propertyName === 'string' ? { propertyName: e.propertyName } : {}),
  };
  if (action === 'merge') {
    const primary = idText(e.primaryObjectId);
    const merged = Array.isArray(e.mergedObjectIds) ? e.mergedObjectIds.map(idText) : undefined;
    if (primary === undefined || merged === undefined || merged.includes(undefined)) {
      return `${type}: no primaryObjectId/mergedObjectIds`;
    }
    return [
      { ...base, externalId: primary, kind: 'change' },
      ...merged.map((id): HubSpotWebhookHint => ({ ...base, externalId: id!, kind: 'deletion' })),
    ];
  }
  const externalId = idText(e.objectId);
  if (externalId === undefined) return `${type}: no objectId`;
  return [{ ...base, externalId, kind }];
}

function objectOf(
  prefix: string,
  objectTypeId: unknown,
): { object: string; objectTypeId: string } | string {
  if (prefix === 'object') {
    if (typeof objectTypeId !== 'string' || !/^\d+-\d+$/.test(objectTypeId)) {
      return 'no objectTypeId';
    }
    const known = HUBSPOT_WEBHOOK_OBJECT_TYPES.find((o) => o.objectTypeId === objectTypeId);
    return { object: known?.object ?? objectTypeId, objectTypeId };
  }
  const known = HUBSPOT_WEBHOOK_OBJECT_TYPES.find((o) => o.prefix === prefix);
  return known
    ? { object: known.object, objectTypeId: known.objectTypeId }
    : `unsupported object ${prefix}`;
}

/** An id sent as a number or a numeric string, as text (ids beyond 2^53 come as strings). */
function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return undefined;
}
