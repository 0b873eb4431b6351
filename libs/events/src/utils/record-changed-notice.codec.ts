import { RecordChangedNotice } from '../types/record-changed-notice.type';

/** Kafka key of a notice: one record always lands on one partition, so its notices stay ordered. */
export function recordChangedKey(
  notice: Pick<RecordChangedNotice, 'tenant' | 'entity' | 'id'>,
): string {
  return `${notice.tenant}/${notice.entity}/${notice.id}`;
}

export function encodeRecordChangedNotice(notice: RecordChangedNotice): Buffer {
  return Buffer.from(JSON.stringify(notice));
}

/** Parses a notice; throws on anything that is not one, for the caller to dead-letter. */
export function decodeRecordChangedNotice(value: Buffer): RecordChangedNotice {
  const notice = JSON.parse(value.toString('utf8')) as Partial<RecordChangedNotice>;
  const valid =
    typeof notice.tenant === 'string' &&
    notice.tenant !== '' &&
    typeof notice.entity === 'string' &&
    notice.entity !== '' &&
    typeof notice.id === 'string' &&
    notice.id !== '' &&
    Number.isSafeInteger(notice.version) &&
    (notice.version as number) > 0 &&
    (notice.op === 'upsert' || notice.op === 'delete') &&
    typeof notice.observedAt === 'number' &&
    Number.isFinite(notice.observedAt) &&
    (notice.trace === undefined || isTrace(notice.trace)) &&
    (notice.changed === undefined ||
      (Array.isArray(notice.changed) && notice.changed.every((c) => typeof c === 'string')));
  if (!valid) throw new Error('not a record-changed notice');
  return notice as RecordChangedNotice;
}

function isTrace(trace: unknown): boolean {
  return (
    typeof trace === 'object' &&
    trace !== null &&
    Object.values(trace).every((at) => typeof at === 'number' && Number.isFinite(at))
  );
}
