import { Injectable } from '@nestjs/common';
import type { SalesforceRecord } from '../types/salesforce-record.type';
import { toSalesforceId18 } from '../utils/to-salesforce-id18.util';
import { SalesforceRecordTable } from './salesforce-record.table';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** All records in memory, one table per sObject; ids are 18-character with the type's key prefix. */
@Injectable()
export class SalesforceRecordStore {
  private tables = new Map<string, SalesforceRecordTable>();
  private counter = 0;

  table(sobject: string): SalesforceRecordTable {
    let table = this.tables.get(sobject);
    if (!table) {
      table = new SalesforceRecordTable();
      this.tables.set(sobject, table);
    }
    return table;
  }

  /** keyPrefix + pod "5g" + "0000" + a 6-digit base62 counter, then the case-safety suffix. */
  newId(keyPrefix: string): string {
    this.counter += 1;
    let n = this.counter;
    let digits = '';
    for (let i = 0; i < 6; i += 1) {
      digits = BASE62.charAt(n % 62) + digits;
      n = Math.floor(n / 62);
    }
    return toSalesforceId18(`${keyPrefix}5g0000${digits}`);
  }

  all(sobject: string): SalesforceRecord[] {
    return [...(this.tables.get(sobject)?.byId.values() ?? [])];
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [sobject, table] of this.tables) counts[sobject] = table.byId.size;
    return counts;
  }

  reset(): void {
    this.tables = new Map();
    this.counter = 0;
  }
}
