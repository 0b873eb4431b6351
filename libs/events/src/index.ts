export { DEAD_LETTER_HEADERS } from './constants/dead-letter-headers.constant';
export { TOPICS } from './constants/topics.constant';
export type { InboundHint } from './types/inbound-hint.type';
export type { ChangeTrace, RecordChangedNotice } from './types/record-changed-notice.type';
export { decodeInboundHint, encodeInboundHint, inboundHintKey } from './utils/inbound-hint.codec';
export {
  decodeRecordChangedNotice,
  encodeRecordChangedNotice,
  recordChangedKey,
} from './utils/record-changed-notice.codec';
