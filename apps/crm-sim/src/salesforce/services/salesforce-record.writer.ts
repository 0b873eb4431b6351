import { Injectable } from '@nestjs/common';
import { SimFaultService } from '../../common/services/sim-fault.service';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceItemError } from '../types/salesforce-item-error.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SalesforceValue } from '../types/salesforce-value.type';
import type { SalesforceWritePlan } from '../types/salesforce-write-plan.type';
import type { UniqueClaims } from '../types/unique-claims.type';
import { convertSalesforceValue } from '../utils/convert-salesforce-value.util';
import { uniqueKey } from '../utils/unique-key.util';
import { SalesforceRecordStore } from './salesforce-record.store';
import { SalesforceSessionService } from './salesforce-session.service';
import type { SalesforceSObjectSchema } from './salesforce-sobject.schema';

const DEFAULT_MESSAGES: Record<string, string> = {
  UNABLE_TO_LOCK_ROW: 'unable to obtain exclusive access to this record or 1 records',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'Simulated validation rule failure',
};

/**
 * Validates one record body into a plan (Salesforce's per-record checks: field access, types,
 * lengths, required fields, unique/external-ID values, injected errors) and applies plans.
 */
@Injectable()
export class SalesforceRecordWriter {
  constructor(
    private readonly store: SalesforceRecordStore,
    private readonly faults: SimFaultService,
    private readonly session: SalesforceSessionService,
  ) {}

  /**
   * Unknown fields fail the whole request (INVALID_FIELD, HTTP 400), as Salesforce's JSON
   * deserializer does; everything else is a per-record error.
   */
  plan(
    schema: SalesforceSObjectSchema,
    body: Record<string, unknown>,
    existing: SalesforceRecord | undefined,
    claims: UniqueClaims,
    planIndex: number,
    ignore: readonly string[] = [],
    injectFaults = true,
  ): SalesforceWritePlan | SalesforceItemError[] {
    const creating = existing === undefined;
    const skip = new Set(['attributes', ...ignore.map((k) => k.toLowerCase())]);
    const values = new Map<SalesforceFieldDefinition, SalesforceValue>();
    const errors: SalesforceItemError[] = [];
    const readOnly: string[] = [];
    for (const [key, raw] of Object.entries(body)) {
      if (skip.has(key.toLowerCase())) continue;
      const field = schema.field(key);
      if (!field) {
        throw new SalesforceApiException(
          400,
          'INVALID_FIELD',
          `No such column '${key}' on sobject of type ${schema.name}`,
        );
      }
      if (field.type === 'id') {
        errors.push({
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `cannot specify Id in an ${creating ? 'insert' : 'update'} call`,
          fields: ['Id'],
        });
        continue;
      }
      if (creating ? !field.createable : !field.updateable) {
        readOnly.push(field.name);
        continue;
      }
      const check = convertSalesforceValue(field, raw);
      if (check.ok) values.set(field, check.value);
      else errors.push(check.error);
    }
    if (readOnly.length > 0) {
      errors.push({
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: readOnly,
      });
    }
    if (errors.length > 0) return errors;

    const missing = schema.fields.filter((f) => {
      if (f.nillable || !f.createable || f.type === 'boolean') return false;
      if (values.has(f)) return values.get(f) === null;
      return creating && !f.defaultedOnCreate;
    });
    if (missing.length > 0) {
      const names = missing.map((f) => f.name);
      return [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: `Required fields are missing: [${names.join(', ')}]`,
          fields: names,
        },
      ];
    }

    // Injected record errors fail API writes; a user's edit in the org never meets them.
    const injected = injectFaults
      ? this.faults.recordError(schema.name, (name) => {
          const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
          if (key !== undefined) return body[key];
          const field = schema.field(name);
          return field && existing ? existing.values[field.name] : undefined;
        })
      : undefined;
    if (injected) {
      const statusCode = injected.code ?? 'FIELD_CUSTOM_VALIDATION_EXCEPTION';
      const base = injected.message ?? DEFAULT_MESSAGES[statusCode] ?? `Simulated ${statusCode}`;
      const message =
        statusCode === 'UNABLE_TO_LOCK_ROW' && existing && !injected.message
          ? `${base}: ${existing.id}`
          : base;
      return [
        {
          statusCode,
          message,
          fields: statusCode === 'UNABLE_TO_LOCK_ROW' ? [] : [injected.field],
        },
      ];
    }

    const table = this.store.table(schema.name);
    for (const [field, value] of values) {
      if (!(field.unique || field.externalId) || value === null) continue;
      const owner = table.ownerOf(field, value);
      if (owner !== undefined && owner !== existing?.id) {
        return [
          {
            statusCode: 'DUPLICATE_VALUE',
            message: `duplicate value found: ${field.name} duplicates value on record with id: ${owner}`,
            fields: [],
          },
        ];
      }
      const claim = `${field.name}\u0000${uniqueKey(field, value) ?? ''}`;
      const claimedBy = claims.get(claim);
      if (claimedBy !== undefined && claimedBy !== planIndex) {
        return [
          {
            statusCode: 'DUPLICATE_VALUE',
            message: `duplicate value found: ${field.name} duplicates value in this request: ${String(value)}`,
            fields: [],
          },
        ];
      }
    }
    for (const [field, value] of values) {
      if ((field.unique || field.externalId) && value !== null) {
        claims.set(`${field.name}\u0000${uniqueKey(field, value) ?? ''}`, planIndex);
      }
    }
    return { schema, record: existing, values };
  }

  /** Applies a plan as `userId` (the integration user by default); system fields move with it. */
  apply(
    plan: SalesforceWritePlan,
    now: number,
    userId = this.session.userId,
  ): { record: SalesforceRecord; created: boolean } {
    const { schema } = plan;
    const table = this.store.table(schema.name);
    let record = plan.record;
    const created = record === undefined;
    if (!record) {
      const id = this.store.newId(schema.keyPrefix);
      record = {
        id,
        sobject: schema.name,
        isDeleted: false,
        values: {
          Id: id,
          IsDeleted: false,
          OwnerId: userId,
          CreatedById: userId,
          CreatedDate: now,
        },
      };
      for (const field of schema.fields) {
        if (field.type === 'boolean' && !(field.name in record.values))
          record.values[field.name] = false;
      }
      table.byId.set(id, record);
    }
    for (const [field, value] of plan.values) {
      if (field.unique || field.externalId) table.reindex(record, field, value);
      record.values[field.name] = value;
    }
    const name = schema.field('Name');
    if (name?.calculated && schema.field('LastName')) {
      const parts = [record.values.FirstName, record.values.LastName].filter(
        (v) => typeof v === 'string' && v !== '',
      );
      record.values.Name = parts.join(' ');
    }
    record.values.LastModifiedDate = now;
    record.values.LastModifiedById = userId;
    record.values.SystemModstamp = now;
    return { record, created };
  }

  /** Moves a record to the recycle bin: IsDeleted, out of the indexes, still visible to queryAll. */
  delete(
    schema: SalesforceSObjectSchema,
    record: SalesforceRecord,
    now: number,
    userId = this.session.userId,
  ): void {
    this.store.table(schema.name).unindexAll(record, schema.uniqueFields());
    record.isDeleted = true;
    record.values.IsDeleted = true;
    record.values.LastModifiedDate = now;
    record.values.LastModifiedById = userId;
    record.values.SystemModstamp = now;
  }

  /** An injected error for a record about to be deleted (rules on Id or any stored field). */
  deleteError(
    schema: SalesforceSObjectSchema,
    record: SalesforceRecord,
  ): SalesforceItemError | undefined {
    const injected = this.faults.recordError(schema.name, (name) => {
      const field = schema.field(name);
      return field ? record.values[field.name] : undefined;
    });
    if (!injected) return undefined;
    const statusCode = injected.code ?? 'FIELD_CUSTOM_VALIDATION_EXCEPTION';
    const base = injected.message ?? DEFAULT_MESSAGES[statusCode] ?? `Simulated ${statusCode}`;
    return {
      statusCode,
      message:
        statusCode === 'UNABLE_TO_LOCK_ROW' && !injected.message ? `${base}: ${record.id}` : base,
      fields: [],
    };
  }
}
