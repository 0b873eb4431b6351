import { RecordChangedNotice, recordChangedKey } from '@syncline/events';

/**
 * The latest notice per record (highest version; a delete wins a tie), carrying the changed
 * columns of every notice it supersedes (unknown, `undefined`, wins: it means "anything").
 */
export function coalesceNotices(notices: RecordChangedNotice[]): Map<string, RecordChangedNotice> {
  const latest = new Map<string, RecordChangedNotice>();
  for (const notice of notices) {
    const key = recordChangedKey(notice);
    const current = latest.get(key);
    const changed =
      current && (current.changed === undefined || notice.changed === undefined)
        ? undefined
        : [...new Set([...(current?.changed ?? []), ...(notice.changed ?? [])])];
    if (
      !current ||
      notice.version > current.version ||
      (notice.version === current.version && notice.op === 'delete')
    ) {
      latest.set(key, { ...notice, changed: current ? changed : notice.changed });
    } else {
      latest.set(key, { ...current, changed });
    }
  }
  return latest;
}
