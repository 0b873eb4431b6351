import { Injectable } from '@nestjs/common';
import { toText } from '../../common/utils/to-text.util';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceItemError } from '../types/salesforce-item-error.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SalesforceSaveResult } from '../types/salesforce-save-result.type';
import type { SalesforceWritePlan } from '../types/salesforce-write-plan.type';
import type { UniqueClaims } from '../types/unique-claims.type';
import { convertSalesforceValue } from '../utils/convert-salesforce-value.util';
import { fieldValueOf } from '../utils/field-value-of.util';
import { normalizeSalesforceId } from '../utils/normalize-salesforce-id.util';
import { readCollectionBody } from '../utils/read-collection-body.util';
import { recordTypeOf } from '../utils/record-type-of.util';
import { uniqueKey } from '../utils/unique-key.util';
import { SalesforceRecordStore } from './salesforce-record.store';
import { SalesforceRecordWriter } from './salesforce-record.writer';
import { SalesforceSchemaRegistry } from './salesforce-schema.registry';
import type { SalesforceSObjectSchema } from './salesforce-sobject.schema';

const ROLLED_BACK: SalesforceItemError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message:
    'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

type Step = { plan: SalesforceWritePlan } | { errors: SalesforceItemError[]; id?: string };

/**
 * Inserts, updates, upserts and deletes: sObject Collections (up to 200 records, allOrNone
 * honoured: nothing is applied unless every record is valid) and the single-record REST calls.
 */
@Injectable()
export class SalesforceDmlService {
  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly store: SalesforceRecordStore,
    private readonly writer: SalesforceRecordWriter,
  ) {}

  /** `PATCH /composite/sobjects/{SObject}/{ExternalIdField}`. */
  upsertCollection(
    sobject: string,
    externalIdField: string,
    body: unknown,
  ): SalesforceSaveResult[] {
    const schema = this.requireSchema(sobject);
    const extField = this.externalIdField(schema, externalIdField);
    const { allOrNone, records } = readCollectionBody(body);
    const table = this.store.table(schema.name);
    const counts = new Map<string, number>();
    const keys = records.map((record) => {
      const type = recordTypeOf(record);
      if (type === undefined || type.toLowerCase() !== schema.name.toLowerCase()) {
        throw new SalesforceApiException(
          400,
          'INVALID_TYPE',
          `Each record must have attributes.type ${schema.name}; got ${type ?? 'none'}`,
        );
      }
      const raw = fieldValueOf(record, extField.name);
      const check = convertSalesforceValue(extField, raw);
      const key = check.ok ? uniqueKey(extField, check.value) : undefined;
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
      return { raw, check, key };
    });
    const claims: UniqueClaims = new Map();
    const steps: Step[] = records.map((record, i) => {
      const { raw, check, key } = keys[i];
      if (!check.ok) return { errors: [check.error] };
      if (key === undefined) {
        return {
          errors: [
            {
              statusCode: 'MISSING_ARGUMENT',
              message: `${extField.name} not specified`,
              fields: [],
            },
          ],
        };
      }
      if ((counts.get(key) ?? 0) > 1) {
        return {
          errors: [
            {
              statusCode: 'DUPLICATE_VALUE',
              message: `Duplicate external id specified: ${toText(raw)}`,
              fields: [extField.name],
            },
          ],
        };
      }
      const existing = table.findLive(extField, check.value);
      const planned = this.writer.plan(schema, record, existing, claims, i);
      return Array.isArray(planned) ? { errors: planned, id: existing?.id } : { plan: planned };
    });
    return this.commit(steps, allOrNone, true);
  }

  /** `POST /composite/sobjects`: insert records of any types (attributes.type each). */
  createCollection(body: unknown): SalesforceSaveResult[] {
    const { allOrNone, records } = readCollectionBody(body);
    const claims: UniqueClaims = new Map();
    const steps: Step[] = records.map((record, i) => {
      const schema = this.schemaOfRecord(record);
      const planned = this.writer.plan(schema, record, undefined, claims, i);
      return Array.isArray(planned) ? { errors: planned } : { plan: planned };
    });
    return this.commit(steps, allOrNone, false);
  }

  /** `PATCH /composite/sobjects`: update records by `id`. */
  updateCollection(body: unknown): SalesforceSaveResult[] {
    const { allOrNone, records } = readCollectionBody(body);
    const claims: UniqueClaims = new Map();
    const steps: Step[] = records.map((record, i) => {
      const schema = this.schemaOfRecord(record);
      const rawId = fieldValueOf(record, 'id');
      if (typeof rawId !== 'string' || rawId === '') {
        return {
          errors: [
            {
              statusCode: 'MISSING_ARGUMENT',
              message: 'Id not specified in an update call',
              fields: [],
            },
          ],
        };
      }
      const found = this.findForWrite(schema, rawId);
      if ('error' in found) return { errors: [found.error], id: rawId };
      const planned = this.writer.plan(schema, record, found.record, claims, i, ['id']);
      return Array.isArray(planned) ? { errors: planned, id: found.record.id } : { plan: planned };
    });
    return this.commit(steps, allOrNone, false);
  }

  /** `DELETE /composite/sobjects?ids=...&allOrNone=`: ids of any types, found by key prefix. */
  deleteCollection(ids: string[], allOrNone: boolean): SalesforceSaveResult[] {
    if (ids.length > SALESFORCE_DEFAULTS.collectionSize) {
      throw new SalesforceApiException(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${SALESFORCE_DEFAULTS.collectionSize} records into this call`,
      );
    }
    const targets = ids.map((raw) => {
      const id = normalizeSalesforceId(raw);
      if (!id)
        return {
          id: raw,
          error: { statusCode: 'MALFORMED_ID', message: `malformed id ${raw}`, fields: [] },
        };
      const schema = this.schemas.byKeyPrefix(id.slice(0, 3));
      const found = schema ? this.findForWrite(schema, id) : undefined;
      if (!schema || !found) return { id, error: crossReference() };
      if ('error' in found) return { id, error: found.error };
      const injected = this.writer.deleteError(schema, found.record);
      return injected ? { id, error: injected } : { id, schema, record: found.record };
    });
    const failed = targets.some((t) => 'error' in t);
    if (allOrNone && failed) {
      return targets.map((t) => ({
        id: t.id,
        success: false,
        errors: 'error' in t && t.error ? [t.error] : [ROLLED_BACK],
      }));
    }
    const now = Date.now();
    return targets.map((t) => {
      if ('error' in t && t.error) return { id: t.id, success: false, errors: [t.error] };
      if ('record' in t && t.record && t.schema) this.writer.delete(t.schema, t.record, now);
      return { id: t.id, success: true, errors: [] };
    });
  }

  /** `POST /sobjects/{SObject}`: 201 SaveResult, or 400 with the record's errors. */
  createOne(sobject: string, body: unknown): SalesforceSaveResult {
    const schema = this.requireSchema(sobject);
    const planned = this.writer.plan(schema, asRecord(body), undefined, new Map(), 0);
    if (Array.isArray(planned)) throw SalesforceApiException.fromItemErrors(400, planned);
    const { record } = this.writer.apply(planned, Date.now());
    return { id: record.id, success: true, errors: [] };
  }

  /** `PATCH /sobjects/{SObject}/{Id}`: 204, 404 or 400. */
  updateOne(sobject: string, id: string, body: unknown): void {
    const schema = this.requireSchema(sobject);
    const found = this.findForWrite(schema, id);
    if ('error' in found)
      throw new SalesforceApiException(404, found.error.statusCode, found.error.message);
    const planned = this.writer.plan(schema, asRecord(body), found.record, new Map(), 0);
    if (Array.isArray(planned)) throw SalesforceApiException.fromItemErrors(400, planned);
    this.writer.apply(planned, Date.now());
  }

  /** `PATCH /sobjects/{SObject}/{ExternalIdField}/{value}`: 201 created or 200 updated (API 46+). */
  upsertOne(
    sobject: string,
    externalIdField: string,
    value: string,
    body: unknown,
  ): SalesforceSaveResult {
    const schema = this.requireSchema(sobject);
    const extField = this.externalIdField(schema, externalIdField);
    const check = convertSalesforceValue(extField, value);
    if (!check.ok) throw SalesforceApiException.fromItemErrors(400, [check.error]);
    const existing = this.store.table(schema.name).findLive(extField, check.value);
    const record = { ...asRecord(body), [extField.name]: value };
    const planned = this.writer.plan(schema, record, existing, new Map(), 0);
    if (Array.isArray(planned)) throw SalesforceApiException.fromItemErrors(400, planned);
    const applied = this.writer.apply(planned, Date.now());
    return { id: applied.record.id, success: true, errors: [], created: applied.created };
  }

  /** `DELETE /sobjects/{SObject}/{Id}`: 204 or 404 (NOT_FOUND / ENTITY_IS_DELETED). */
  deleteOne(sobject: string, id: string): void {
    const schema = this.requireSchema(sobject);
    const found = this.findForWrite(schema, id);
    if ('error' in found)
      throw new SalesforceApiException(404, found.error.statusCode, found.error.message);
    const injected = this.writer.deleteError(schema, found.record);
    if (injected) throw SalesforceApiException.fromItemErrors(400, [injected]);
    this.writer.delete(schema, found.record, Date.now());
  }

  requireSchema(sobject: string): SalesforceSObjectSchema {
    const schema = this.schemas.get(sobject);
    if (!schema) throw SalesforceApiException.notFound();
    return schema;
  }

  /** A live record by 15/18-character id, or the error Salesforce gives for it. */
  findForWrite(
    schema: SalesforceSObjectSchema,
    rawId: string,
  ): { record: SalesforceRecord } | { error: SalesforceItemError } {
    const id = normalizeSalesforceId(rawId);
    if (!id)
      return {
        error: {
          statusCode: 'MALFORMED_ID',
          message: `${schema.name} ID: id value of incorrect type: ${rawId}`,
          fields: ['Id'],
        },
      };
    const record = this.store.table(schema.name).byId.get(id);
    if (!record) return { error: crossReference() };
    if (record.isDeleted)
      return {
        error: { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
      };
    return { record };
  }

  private externalIdField(
    schema: SalesforceSObjectSchema,
    name: string,
  ): SalesforceFieldDefinition {
    const field = schema.field(name);
    if (!field || !field.externalId) {
      throw new SalesforceApiException(
        400,
        'INVALID_FIELD',
        `Field name provided, ${name} is not an External ID or indexed field for ${schema.name}`,
      );
    }
    return field;
  }

  private schemaOfRecord(record: Record<string, unknown>): SalesforceSObjectSchema {
    const type = recordTypeOf(record);
    if (type === undefined)
      throw new SalesforceApiException(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
    const schema = this.schemas.get(type);
    if (!schema)
      throw new SalesforceApiException(
        400,
        'INVALID_TYPE',
        `sObject type '${type}' is not supported.`,
      );
    return schema;
  }

  /** allOrNone: apply every plan or none; otherwise apply the valid ones, in order. */
  private commit(steps: Step[], allOrNone: boolean, withCreated: boolean): SalesforceSaveResult[] {
    const failed = steps.some((s) => 'errors' in s);
    if (allOrNone && failed) {
      return steps.map((s) => ({
        success: false,
        errors: 'errors' in s ? s.errors : [ROLLED_BACK],
      }));
    }
    const now = Date.now();
    return steps.map((s) => {
      if ('errors' in s)
        return s.id === undefined
          ? { success: false, errors: s.errors }
          : { id: s.id, success: false, errors: s.errors };
      const { record, created } = this.writer.apply(s.plan, now);
      return withCreated
        ? { id: record.id, success: true, errors: [], created }
        : { id: record.id, success: true, errors: [] };
    });
  }
}

function asRecord(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SalesforceApiException(
      400,
      'JSON_PARSER_ERROR',
      'The request body must be a JSON object',
    );
  }
  return body as Record<string, unknown>;
}

function crossReference(): SalesforceItemError {
  return {
    statusCode: 'INVALID_CROSS_REFERENCE_KEY',
    message: 'invalid cross reference id',
    fields: [],
  };
}
