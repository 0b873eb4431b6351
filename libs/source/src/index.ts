export { RecordExistsException } from './exceptions/record-exists.exception';
export { VersionConflictException } from './exceptions/version-conflict.exception';
export { SourceRecordRepository } from './services/source-record.repository';
export type { PositionedRecord } from './services/source-record.repository';
export { createSourcePool } from './utils/create-source-pool.util';
