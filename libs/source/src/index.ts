export { RAW_TEXT_TYPES } from './constants/raw-text-types.constant';
export { RecordExistsException } from './exceptions/record-exists.exception';
export { RecordRejectedException } from './exceptions/record-rejected.exception';
export { VersionConflictException } from './exceptions/version-conflict.exception';
export { SourceRecordRepository } from './services/source-record.repository';
export type { PositionedRecord } from './services/source-record.repository';
export { createSourcePool, SOURCE_SESSION_OPTIONS } from './utils/create-source-pool.util';
export { quoteIdentifier, tableOf } from './utils/source-sql.util';
