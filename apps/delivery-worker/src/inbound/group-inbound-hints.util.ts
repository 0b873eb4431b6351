import { InboundHint } from '@syncline/events';

/**
 * Hints by destination, then object, one per record: the last in offset order, since a record's
 * hints arrive in order on one partition (deleted then restored is a change; changed then deleted
 * is a deletion). Any number of hints of one record thus costs one read.
 */
export function groupInboundHints(
  hints: readonly InboundHint[],
): Map<string, Map<string, InboundHint[]>> {
  const latest = new Map<string, Map<string, Map<string, InboundHint>>>();
  for (const hint of hints) {
    const byObject = latest.get(hint.destinationId) ?? new Map<string, Map<string, InboundHint>>();
    latest.set(hint.destinationId, byObject);
    const byRecord = byObject.get(hint.object) ?? new Map<string, InboundHint>();
    byObject.set(hint.object, byRecord);
    // Deleted and re-set: the record moves to the end, where its newest hint belongs.
    byRecord.delete(hint.externalId);
    byRecord.set(hint.externalId, hint);
  }
  const grouped = new Map<string, Map<string, InboundHint[]>>();
  for (const [destinationId, byObject] of latest) {
    const objects = new Map<string, InboundHint[]>();
    for (const [object, byRecord] of byObject) objects.set(object, [...byRecord.values()]);
    grouped.set(destinationId, objects);
  }
  return grouped;
}
