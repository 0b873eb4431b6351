import { Injectable } from '@nestjs/common';
import type { HubSpotRecord } from '../types/hubspot-record.type';
import { HubSpotObjectTable } from './hubspot-object.table';

const FIRST_ID = 1001;

/** All CRM objects in memory, one table per object type; ids are numeric strings, as in HubSpot. */
@Injectable()
export class HubSpotObjectStore {
  private tables = new Map<string, HubSpotObjectTable>();
  private nextId = FIRST_ID;

  table(objectType: string): HubSpotObjectTable {
    let table = this.tables.get(objectType);
    if (!table) {
      table = new HubSpotObjectTable();
      this.tables.set(objectType, table);
    }
    return table;
  }

  hasTable(objectType: string): boolean {
    return this.tables.has(objectType);
  }

  newId(): string {
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }

  all(objectType: string): HubSpotRecord[] {
    return [...(this.tables.get(objectType)?.byId.values() ?? [])];
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [type, table] of this.tables) counts[type] = table.byId.size;
    return counts;
  }

  reset(): void {
    this.tables = new Map();
    this.nextId = FIRST_ID;
  }
}
