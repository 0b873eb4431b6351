import { Injectable } from '@nestjs/common';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceGetDeletedResult } from '../types/salesforce-get-deleted-result.type';
import { formatSalesforceDatetime } from '../utils/format-salesforce-datetime.util';
import { parseReplicationDate } from '../utils/parse-replication-date.util';
import { SalesforceDmlService } from './salesforce-dml.service';
import { SalesforceRecordStore } from './salesforce-record.store';

const MINUTE = 60_000;

/**
 * sObject Get Deleted: records deleted between `start` and `end` (seconds ignored), with the
 * deletion time from SystemModstamp. Nothing is purged from the sim's recycle bin, so
 * earliestDateAvailable is when the org (sim) started or was last reset.
 */
@Injectable()
export class SalesforceGetDeletedService {
  private availableSince = floorMinute(Date.now());

  constructor(
    private readonly dml: SalesforceDmlService,
    private readonly store: SalesforceRecordStore,
  ) {}

  getDeleted(sobject: string, rawStart: unknown, rawEnd: unknown): SalesforceGetDeletedResult {
    const schema = this.dml.requireSchema(sobject);
    const start = parseReplicationDate(rawStart, 'start');
    const end = parseReplicationDate(rawEnd, 'end');
    const now = Date.now();
    if (end - start <= MINUTE) {
      throw invalid('start must be more than one minute before end');
    }
    if (start < now - SALESFORCE_DEFAULTS.getDeletedMaxAgeMs) {
      throw invalid('start must be within the last 15 days');
    }
    // An end in the future covers up to now; the minute now is in is covered again by the
    // next call that starts at latestDateCovered (duplicates, never gaps).
    const latestCovered = Math.min(end, floorMinute(now));
    const cutoff = Math.min(end, now);
    const deletedRecords = this.store
      .all(schema.name)
      .filter((r) => r.isDeleted)
      .map((r) => ({ id: r.id, at: r.values.SystemModstamp as number }))
      .filter((r) => r.at >= start && r.at <= cutoff)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((r) => ({ id: r.id, deletedDate: formatSalesforceDatetime(r.at) }));
    return {
      deletedRecords,
      earliestDateAvailable: formatSalesforceDatetime(this.availableSince),
      latestDateCovered: formatSalesforceDatetime(latestCovered),
    };
  }

  reset(): void {
    this.availableSince = floorMinute(Date.now());
  }
}

function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

function invalid(message: string): SalesforceApiException {
  return new SalesforceApiException(400, 'INVALID_REPLICATION_DATE', message);
}
