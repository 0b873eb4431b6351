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
  if (
    typeof notice.tenant !== 'string' ||
    typeof notice.entity !== 'string' ||
    typeof notice.id !== 'string' ||
    typeof notice.version !== 'number' ||
    (notice.op !== 'upsert' && notice.op !== 'delete')
  ) {
    throw new Error('not a record-changed notice');
  }
  return notice as RecordChangedNotice;
}
