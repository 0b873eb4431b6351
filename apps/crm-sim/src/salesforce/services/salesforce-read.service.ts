import { Injectable } from '@nestjs/common';
import { toText } from '../../common/utils/to-text.util';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import { convertSalesforceValue } from '../utils/convert-salesforce-value.util';
import { normalizeSalesforceId } from '../utils/normalize-salesforce-id.util';
import { resolveSoqlField } from '../utils/resolve-soql-field.util';
import { toSObjectJson } from '../utils/to-sobject-json.util';
import { SalesforceDmlService } from './salesforce-dml.service';
import { SalesforceRecordStore } from './salesforce-record.store';
import type { SalesforceSObjectSchema } from './salesforce-sobject.schema';

/** Record reads: by Id, by external ID, and the sObject Collections retrieve. */
@Injectable()
export class SalesforceReadService {
  constructor(
    private readonly store: SalesforceRecordStore,
    private readonly dml: SalesforceDmlService,
  ) {}

  /** `GET /sobjects/{SObject}/{Id}?fields=a,b`. */
  getOne(sobject: string, id: string, fields: unknown, version: string): Record<string, unknown> {
    const schema = this.dml.requireSchema(sobject);
    const select = this.select(schema, fields);
    const normalized = normalizeSalesforceId(id);
    const record = normalized ? this.store.table(schema.name).byId.get(normalized) : undefined;
    if (!record) throw SalesforceApiException.notFound();
    if (record.isDeleted)
      throw new SalesforceApiException(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    return toSObjectJson(schema, record, select, version);
  }

  /** `GET /sobjects/{SObject}/{ExternalIdField}/{value}`. */
  getByExternalId(
    sobject: string,
    fieldName: string,
    value: string,
    fields: unknown,
    version: string,
  ): Record<string, unknown> {
    const schema = this.dml.requireSchema(sobject);
    const field = schema.field(fieldName);
    if (!field || !(field.externalId || field.idLookup)) throw SalesforceApiException.notFound();
    const check = convertSalesforceValue(field, value);
    const record = check.ok
      ? this.store.table(schema.name).findLive(field, check.value)
      : undefined;
    if (!record) throw SalesforceApiException.notFound();
    return toSObjectJson(schema, record, this.select(schema, fields), version);
  }

  /** `POST /composite/sobjects/{SObject}` `{ ids, fields }`: records in id order, null where missing. */
  retrieveMany(
    sobject: string,
    body: unknown,
    version: string,
  ): (Record<string, unknown> | null)[] {
    const schema = this.dml.requireSchema(sobject);
    const input = (typeof body === 'object' && body !== null ? body : {}) as {
      ids?: unknown;
      fields?: unknown;
    };
    if (!Array.isArray(input.ids) || !Array.isArray(input.fields) || input.fields.length === 0) {
      throw new SalesforceApiException(
        400,
        'JSON_PARSER_ERROR',
        'The request body must contain "ids" and "fields" arrays',
      );
    }
    if (input.ids.length > 2000) {
      throw new SalesforceApiException(
        400,
        'EXCEEDED_ID_LIMIT',
        'Cannot retrieve more than 2000 records in one call',
      );
    }
    const select = this.select(schema, input.fields);
    const table = this.store.table(schema.name);
    return input.ids.map((raw: unknown) => {
      const id = typeof raw === 'string' ? normalizeSalesforceId(raw) : undefined;
      const record = id ? table.byId.get(id) : undefined;
      return record && !record.isDeleted ? toSObjectJson(schema, record, select, version) : null;
    });
  }

  /** `fields` as an array or a comma-separated string; every field when absent. */
  private select(schema: SalesforceSObjectSchema, fields: unknown): SalesforceFieldDefinition[] {
    const names = Array.isArray(fields)
      ? fields.map((f: unknown) => toText(f))
      : typeof fields === 'string' && fields !== ''
        ? fields.split(',')
        : undefined;
    if (!names) return schema.fields;
    return names.map((n) => resolveSoqlField(schema, n.trim()));
  }
}
