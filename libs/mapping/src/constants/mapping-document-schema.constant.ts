import { CONFLICT_POLICIES } from './conflict-policies.constant';
import { FIELD_DIRECTIONS } from './field-directions.constant';
import { FIELD_OWNERS } from './field-owners.constant';
import { FIELD_TRANSFORMS } from './field-transforms.constant';
import { INBOUND_DELETE_POLICIES } from './inbound-delete-policies.constant';
import { ROW_CONDITION_OPS } from './row-condition-ops.constant';
import { SYNC_OPERATIONS } from './sync-operations.constant';

// A column (any Postgres name: `city`, `DisplayName`), a key of a json/jsonb column
// (`attributes.colour`, the key taken as is) or `$id`, the record id; checked against the
// collection's columns by mappingDocumentIssues.
const SOURCE_PATH = { type: 'string', minLength: 1, maxLength: 255 };
// Destination property names differ per CRM (`firstname`, `Syncline_Id__c`, REST keys): non-blank.
const TARGET_NAME = { type: 'string', minLength: 1, maxLength: 255, pattern: '^\\S(.*\\S)?$' };
const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };

const FIELD_MAPPING = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'target'],
  properties: {
    source: SOURCE_PATH,
    target: TARGET_NAME,
    transform: { type: 'string', enum: FIELD_TRANSFORMS },
    enumMap: {
      type: 'object',
      minProperties: 1,
      maxProperties: 1000,
      additionalProperties: { type: 'string', maxLength: 1000 },
    },
    maxLength: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    truncate: { type: 'boolean' },
    default: SCALAR,
    required: { type: 'boolean' },
    direction: { type: 'string', enum: FIELD_DIRECTIONS },
    owner: { type: 'string', enum: FIELD_OWNERS },
  },
};

// Which policy needs which column is checked in code (inboundIssues), with the collection's columns.
const INBOUND = {
  type: 'object',
  additionalProperties: false,
  required: ['conflictPolicy', 'deletePolicy'],
  properties: {
    conflictPolicy: { type: 'string', enum: CONFLICT_POLICIES },
    modifiedAtColumn: SOURCE_PATH,
    createRows: { type: 'boolean' },
    deletePolicy: { type: 'string', enum: INBOUND_DELETE_POLICIES },
    softDeleteColumn: SOURCE_PATH,
  },
};

// The value's shape depends on the operator; `exists`/`not_exists` (no value) are checked in code.
const ROW_CONDITION = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'op'],
  properties: {
    field: SOURCE_PATH,
    op: { type: 'string', enum: ROW_CONDITION_OPS },
    value: {},
  },
  allOf: [
    {
      if: { type: 'object', properties: { op: { enum: ['in', 'not_in'] } }, required: ['op'] },
      then: {
        type: 'object',
        required: ['value'],
        properties: { value: { type: 'array', minItems: 1, maxItems: 1000, items: SCALAR } },
      },
    },
    {
      if: { type: 'object', properties: { op: { enum: ['eq', 'neq'] } }, required: ['op'] },
      then: { type: 'object', required: ['value'], properties: { value: SCALAR } },
    },
    {
      if: {
        type: 'object',
        properties: { op: { enum: ['gt', 'gte', 'lt', 'lte'] } },
        required: ['op'],
      },
      then: {
        type: 'object',
        required: ['value'],
        properties: { value: { type: ['string', 'number'] } },
      },
    },
  ],
};

/**
 * JSON Schema of a mapping document (`MappingDocument`: an `EntityMapping` without id, tenant and
 * version). Checks shapes only; `validateMappingDocument` adds the checks a schema cannot express.
 */
export const MAPPING_DOCUMENT_SCHEMA = {
  $id: 'https://syncline.dev/schemas/mapping-document.json',
  type: 'object',
  additionalProperties: false,
  required: ['entity', 'destinationId', 'object', 'identity', 'fields', 'rules'],
  properties: {
    // A collection name (the alphabet of the collections config's `name`).
    entity: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    // Destination ids end up in keys and topic names: the alphabet tenant ids use.
    destinationId: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,128}$' },
    object: TARGET_NAME,
    identity: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'target'],
      properties: { source: SOURCE_PATH, target: TARGET_NAME },
    },
    fields: { type: 'array', minItems: 1, maxItems: 500, items: FIELD_MAPPING },
    rules: {
      type: 'object',
      additionalProperties: false,
      required: ['operations', 'deletePolicy'],
      properties: {
        operations: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', enum: SYNC_OPERATIONS },
        },
        conditions: { type: 'array', maxItems: 50, items: ROW_CONDITION },
        triggerFields: {
          type: 'array',
          minItems: 1,
          maxItems: 500,
          uniqueItems: true,
          items: SOURCE_PATH,
        },
        deletePolicy: { type: 'string', enum: ['archive', 'ignore'] },
        // Only 'ignore' for now: see SyncRules.truncatePolicy.
        truncatePolicy: { type: 'string', enum: ['ignore'] },
      },
    },
    inbound: INBOUND,
  },
} as const;
