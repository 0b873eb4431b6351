export { RecordWriter } from './services/record-writer';
export type { WrittenRecord } from './types/written-record.type';
