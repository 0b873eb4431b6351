export { CONFLICT_POLICIES } from './constants/conflict-policies.constant';
export { FIELD_DIRECTIONS } from './constants/field-directions.constant';
export { FIELD_OWNERS } from './constants/field-owners.constant';
export { FIELD_TRANSFORMS } from './constants/field-transforms.constant';
export { INBOUND_DELETE_POLICIES } from './constants/inbound-delete-policies.constant';
export { RECORD_ID_SOURCE } from './constants/record-id-source.constant';
export { MAPPING_DOCUMENT_SCHEMA } from './constants/mapping-document-schema.constant';
export { ROW_CONDITION_OPS } from './constants/row-condition-ops.constant';
export { SYNC_OPERATIONS } from './constants/sync-operations.constant';
export { InvalidMappingException } from './exceptions/invalid-mapping.exception';
export { MappingFailedException } from './exceptions/mapping-failed.exception';
export type { DecideSyncInput } from './types/decide-sync-input.type';
export type { DecimalValue } from './types/decimal-value.type';
export type { DestinationProperty } from './types/destination-property.type';
export type { EntityMapping } from './types/entity-mapping.type';
export type {
  FieldDirection,
  FieldMapping,
  FieldOwner,
  FieldTransform,
} from './types/field-mapping.type';
export type { FieldValueResult } from './types/field-value-result.type';
export type { InboundConflict } from './types/inbound-conflict.type';
export type { InboundResolution } from './types/inbound-resolution.type';
export type { ConflictPolicy, InboundDeletePolicy, InboundRules } from './types/inbound-rules.type';
export type { InboundValueResult } from './types/inbound-value-result.type';
export type { MappedRecord } from './types/mapped-record.type';
export type { MappedValue } from './types/mapped-value.type';
export type { MappingDocument } from './types/mapping-document.type';
export type { MappingIssue } from './types/mapping-issue.type';
export type { ResolveInboundInput } from './types/resolve-inbound-input.type';
export type { SyncDecision } from './types/sync-decision.type';
export type { SyncDecisionReason } from './types/sync-decision-reason.type';
export type { RowCondition, SyncOperation, SyncRules } from './types/sync-rules.type';
export { applyTransform } from './utils/apply-transform.util';
export { canonicalJson } from './utils/canonical-json.util';
export { decideSync } from './utils/decide-sync.util';
export { isInboundField } from './utils/is-inbound-field.util';
export { mapFieldValue } from './utils/map-field-value.util';
export { mapRecord } from './utils/map-record.util';
export { matchesCondition } from './utils/matches-condition.util';
export { normalizeInbound } from './utils/normalize-inbound.util';
export { payloadHash } from './utils/payload-hash.util';
export type { PayloadTarget } from './types/payload-target.type';
export { identityText } from './utils/identity-text.util';
export type { MappingColumns } from './utils/mapping-document-issues.util';
export { readMappedSource } from './utils/read-mapped-source.util';
export { readRecordField } from './utils/read-record-field.util';
export { resolveInbound } from './utils/resolve-inbound.util';
export { reverseTransform } from './utils/reverse-transform.util';
export { validateAgainstDestination } from './utils/validate-against-destination.util';
export { validateMappingDocument } from './utils/validate-mapping-document.util';
export { sameMappedValue } from './utils/same-mapped-value.util';
export { ownerOf } from './utils/owner-of.util';
export { updatableFields } from './utils/updatable-fields.util';
