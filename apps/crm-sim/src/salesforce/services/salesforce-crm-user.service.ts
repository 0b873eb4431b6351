import { Injectable } from '@nestjs/common';
import { SimAdminException } from '../../common/exceptions/sim-admin.exception';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceItemError } from '../types/salesforce-item-error.type';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import type { SalesforceWritePlan } from '../types/salesforce-write-plan.type';
import { toSalesforceId18 } from '../utils/to-salesforce-id18.util';
import { SalesforceDmlService } from './salesforce-dml.service';
import { SalesforceRecordWriter } from './salesforce-record.writer';
import { SalesforceSchemaRegistry } from './salesforce-schema.registry';
import type { SalesforceSObjectSchema } from './salesforce-sobject.schema';

/**
 * Records created and changed as a user in the Salesforce UI would (`/__sim/records/...`): the same
 * field checks as the API, LastModifiedDate, SystemModstamp and LastModifiedById (another user
 * than the integration's), and no entry in the call log, which records only what API clients
 * sent.
 */
@Injectable()
export class SalesforceCrmUserService {
  readonly userId = toSalesforceId18(SALESFORCE_DEFAULTS.crmUserId15);

  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly dml: SalesforceDmlService,
    private readonly writer: SalesforceRecordWriter,
  ) {}

  /**
   * Creates a record as the CRM user (owner, CreatedById and LastModifiedById theirs), with the
   * API's checks (required fields, unique values); body: its fields. Answers the new record's id.
   */
  create(sobject: string, body: unknown): { id: string } {
    const schema = this.schemas.get(sobject);
    if (!schema) throw new SimAdminException(`unknown sObject '${sobject}'`, 404);
    return this.save(schema, body, undefined);
  }

  /** Body: the fields to set, `{ "Title": "CTO" }`; answers the saved record's id. */
  edit(sobject: string, id: string, body: unknown): { id: string } {
    const { schema, record } = this.live(sobject, id);
    return this.save(schema, body, record);
  }

  private save(
    schema: SalesforceSObjectSchema,
    body: unknown,
    record: SalesforceRecord | undefined,
  ): { id: string } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SimAdminException('body must be a JSON object of fields to set');
    }
    const planned = this.plan(schema, body as Record<string, unknown>, record);
    if (Array.isArray(planned)) {
      throw new SimAdminException(planned.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
    }
    return { id: this.writer.apply(planned, Date.now(), this.userId).record.id };
  }

  /** Deletes a record to the recycle bin, as a user would from its record page. */
  delete(sobject: string, id: string): void {
    const { schema, record } = this.live(sobject, id);
    this.writer.delete(schema, record, Date.now(), this.userId);
  }

  /** The API's field checks without its injected faults; errors as admin 400s. */
  private plan(
    schema: SalesforceSObjectSchema,
    fields: Record<string, unknown>,
    record: SalesforceRecord | undefined,
  ): SalesforceWritePlan | SalesforceItemError[] {
    try {
      return this.writer.plan(schema, fields, record, new Map(), 0, [], false);
    } catch (error) {
      // Unknown fields fail the whole call (INVALID_FIELD), as they do through the API.
      if (error instanceof SalesforceApiException) throw new SimAdminException(error.message);
      throw error;
    }
  }

  private live(
    sobject: string,
    id: string,
  ): { schema: SalesforceSObjectSchema; record: SalesforceRecord } {
    const schema = this.schemas.get(sobject);
    if (!schema) throw new SimAdminException(`unknown sObject '${sobject}'`, 404);
    const found = this.dml.findForWrite(schema, id);
    if ('error' in found) {
      throw new SimAdminException(`no live ${schema.name} record with id '${id}'`, 404);
    }
    return { schema, record: found.record };
  }
}
