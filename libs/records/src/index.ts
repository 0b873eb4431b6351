export { COMMON_COLUMNS, TENANT_ID_PATTERN } from './constants/common-columns.constant';
export {
  COMPANY,
  CONTACT,
  DEAL,
  ENTITY_DEFINITIONS,
} from './constants/entity-definitions.constant';
export { SchemaViolationException } from './exceptions/schema-violation.exception';
export type { SchemaIssue } from './exceptions/schema-violation.exception';
export { UnknownEntityException } from './exceptions/unknown-entity.exception';
export { EntityRegistry } from './services/entity-registry';
export type { CanonicalRecord } from './types/canonical-record.type';
export type { ColumnDefinition } from './types/column-definition.type';
export type { ColumnKind } from './types/column-kind.type';
export type { EntityDefinition } from './types/entity-definition.type';
export { recordJsonSchemas } from './utils/record-json-schemas.util';
export { toCanonicalValue } from './utils/to-canonical-value.util';
