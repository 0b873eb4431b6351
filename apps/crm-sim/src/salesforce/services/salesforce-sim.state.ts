import { Injectable } from '@nestjs/common';
import { SimCallLogService } from '../../common/services/sim-call-log.service';
import { SimFaultService } from '../../common/services/sim-fault.service';
import type { SimBackend } from '../../common/types/sim-backend.type';
import type { SimCall } from '../../common/types/sim-call.type';
import type { SimFaultsInput } from '../../common/types/sim-faults-input.type';
import type { SimFaultsView } from '../../common/types/sim-faults-view.type';
import type { SimStats } from '../../common/types/sim-stats.type';
import { parseFaultsInput } from '../../common/utils/parse-faults-input.util';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceFieldSeed } from '../types/salesforce-field-seed.type';
import type { SalesforceLimits } from '../types/salesforce-limits.type';
import { formatSalesforceDatetime } from '../utils/format-salesforce-datetime.util';
import { SalesforceApiUsageService } from './salesforce-api-usage.service';
import { SalesforceCrmUserService } from './salesforce-crm-user.service';
import { SalesforceGetDeletedService } from './salesforce-get-deleted.service';
import { SalesforceQueryService } from './salesforce-query.service';
import { SalesforceRecordStore } from './salesforce-record.store';
import { SalesforceSchemaRegistry } from './salesforce-schema.registry';
import { SalesforceSessionService } from './salesforce-session.service';

/**
 * The in-process handle tests get as `sim.state`: the same operations as the `/__sim` admin API,
 * typed, without HTTP.
 */
@Injectable()
export class SalesforceSimState implements SimBackend {
  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly store: SalesforceRecordStore,
    private readonly usage: SalesforceApiUsageService,
    private readonly session: SalesforceSessionService,
    private readonly query: SalesforceQueryService,
    private readonly faults: SimFaultService,
    private readonly callLog: SimCallLogService,
    private readonly crmUser: SalesforceCrmUserService,
    private readonly getDeleted: SalesforceGetDeletedService,
  ) {}

  /** Creates a record as the CRM user (not the integration user); answers its id. */
  createRecord(sobject: string, fields: Record<string, unknown>): { id: string } {
    return this.crmUser.create(sobject, fields);
  }

  /** Edits fields as a CRM user: LastModifiedById is that user's, no call-log entry. */
  editRecord(sobject: string, id: string, fields: Record<string, unknown>): { id: string } {
    return this.crmUser.edit(sobject, id, fields);
  }

  /** Deletes a record to the recycle bin as a CRM user. */
  deleteRecord(sobject: string, id: string): void {
    this.crmUser.delete(sobject, id);
  }

  /** The id of the CRM user whose edits editRecord/deleteRecord make. */
  crmUserId(): string {
    return this.crmUser.userId;
  }

  /** Every record of an sObject, deleted ones (IsDeleted: true) included, all fields. */
  records(sobject: string): Record<string, unknown>[] | undefined {
    const schema = this.schemas.get(sobject);
    if (!schema) return undefined;
    return this.store.all(schema.name).map((record) => {
      const json: Record<string, unknown> = {};
      for (const field of schema.fields) {
        const value = record.values[field.name] ?? null;
        json[field.name] =
          field.type === 'datetime' && typeof value === 'number'
            ? formatSalesforceDatetime(value)
            : value;
      }
      return json;
    });
  }

  listRecords(sobject: string, updatedSinceMs?: number): unknown[] | undefined {
    const records = this.records(sobject);
    if (updatedSinceMs === undefined || !records) return records;
    // Deletes set LastModifiedDate too, so one field covers every kind of write.
    return records.filter((r) => {
      const modified = Date.parse(String(r.LastModifiedDate));
      return Number.isFinite(modified) && modified >= updatedSinceMs;
    });
  }

  recordCounts(): Record<string, number> {
    return this.store.counts();
  }

  addField(sobject: string, field: SalesforceFieldSeed): SalesforceFieldDefinition {
    return this.schemas.addField(sobject, field);
  }

  /** A valid access token without the OAuth round trip. */
  issueToken(): string {
    return this.session.issueToken();
  }

  /** Every session becomes invalid: the next call gets 401 INVALID_SESSION_ID. */
  expireSessions(): void {
    this.session.expireAll();
  }

  calls(sinceSeq = 0): SimCall[] {
    return this.callLog.list(sinceSeq);
  }

  stats(): SimStats {
    return this.callLog.getStats();
  }

  setFaults(input: SimFaultsInput): SimFaultsView {
    return this.faults.apply(parseFaultsInput(input));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  getLimits(): SalesforceLimits & { apiUsage: number; inFlight: number } {
    return this.usage.getLimits();
  }

  updateLimits(patch: unknown): SalesforceLimits & { apiUsage: number; inFlight: number } {
    return this.usage.updateLimits(patch);
  }

  setLimits(
    patch: Partial<SalesforceLimits> & { apiUsage?: number },
  ): SalesforceLimits & { apiUsage: number; inFlight: number } {
    return this.usage.updateLimits(patch);
  }

  reset(): void {
    this.schemas.reset();
    this.store.reset();
    this.usage.reset();
    this.session.reset();
    this.query.reset();
    this.getDeleted.reset();
    this.faults.clear();
    this.callLog.clear();
  }
}
