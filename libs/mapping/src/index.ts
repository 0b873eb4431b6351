export type { EntityMapping } from './types/entity-mapping.type';
export type { FieldMapping, FieldTransform } from './types/field-mapping.type';
export type { MappedRecord } from './types/mapped-record.type';
export type { RowCondition, SyncOperation, SyncRules } from './types/sync-rules.type';
