export { DEAD_LETTER_HEADERS } from './constants/dead-letter-headers.constant';
export { TOPICS } from './constants/topics.constant';
export type { ChangeTrace, RecordChangedNotice } from './types/record-changed-notice.type';
export {
  decodeRecordChangedNotice,
  encodeRecordChangedNotice,
  recordChangedKey,
} from './utils/record-changed-notice.codec';
