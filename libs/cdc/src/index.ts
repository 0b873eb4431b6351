export { DEBEZIUM_UNAVAILABLE_VALUE, DEFAULT_MAX_EVENT_BYTES } from './constants/debezium.constant';
export { DecodeFailure } from './exceptions/decode-failure.exception';
export { DebeziumDecoder } from './services/debezium-decoder';
export type { DebeziumEnvelope } from './types/debezium-envelope.type';
export type { DecodedEvent } from './types/decoded-event.type';
export type { RawMessage } from './types/raw-message.type';
export type { RowChange } from './types/row-change.type';
export type { SourcePosition } from './types/source-position.type';
