import { DIGEST_LIMITS } from '../constants/digest-limits.constant';
import { DigestPayload } from '../types/digest-payload.type';
import { StoredNotificationEvent } from '../types/stored-notification-event.type';

/**
 * One digest from a channel's pending event groups: totals per kind, then the groups themselves
 * (largest first, up to DIGEST_LIMITS.groupsPerDigest) with their samples and hints.
 */
export function buildDigest(
  id: string,
  channel: { id: string; name: string; tenant: string },
  events: readonly StoredNotificationEvent[],
  createdAt: Date,
): DigestPayload {
  const byKind: DigestPayload['summary']['byKind'] = {};
  for (const event of events) byKind[event.kind] = (byKind[event.kind] ?? 0) + event.count;
  const listed = [...events]
    .sort((a, b) => b.count - a.count || a.firstAt.getTime() - b.firstAt.getTime())
    .slice(0, DIGEST_LIMITS.groupsPerDigest);
  return {
    type: 'syncline.notification.digest',
    version: 1,
    id,
    tenant: channel.tenant,
    channel: { id: channel.id, name: channel.name },
    createdAt: createdAt.toISOString(),
    summary: {
      events: events.reduce((sum, event) => sum + event.count, 0),
      byKind,
      omittedItems: events.length - listed.length,
    },
    items: listed.map((event) => ({
      kind: event.kind,
      destination: { id: event.destinationId, name: event.destinationName },
      reason: event.reason,
      count: event.count,
      firstAt: event.firstAt.toISOString(),
      lastAt: event.lastAt.toISOString(),
      samples: event.samples,
      ...(event.hint ? { hint: event.hint } : {}),
    })),
  };
}
