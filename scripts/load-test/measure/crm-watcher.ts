import type { CrmCallLog, SimCallEntry } from './crm-call-log';

/** A HubSpot sim record as `/__sim/records/contacts` returns it. */
interface SimContact {
  properties: Record<string, string | null>;
  updatedAt: string;
  archived: boolean;
}

export interface CrmSimStats {
  calls: number;
  throttled: number;
  byStatus: Record<string, number>;
}

/**
 * What the CRM received: polls the HubSpot sim's records written since the last poll (the sim's
 * write time is the receive time) and its call statistics. The identity property (syncline_id)
 * names our record; last_name carries the change's marker (`lt<marker>`).
 */
export class CrmWatcher {
  private since = 0;

  constructor(private readonly simUrl: string) {}

  start(): void {
    this.since = Date.now() - 1000;
  }

  /** Calls `onRecord(id, marker, receivedAt)` for each record written since the last poll. */
  async poll(onRecord: (id: string, marker: number, receivedAt: number) => void): Promise<number> {
    const pollStarted = Date.now();
    const response = await fetch(
      `${this.simUrl}/__sim/records/contacts?updatedSince=${this.since}`,
    );
    if (!response.ok) throw new Error(`crm-sim records: HTTP ${response.status}`);
    const body = (await response.json()) as { results: SimContact[] };
    for (const record of body.results) {
      const id = record.properties.syncline_id;
      const marker = /^lt(\d+)$/.exec(record.properties.lastname ?? '')?.[1];
      if (!id || marker === undefined || record.archived) continue;
      onRecord(id, Number(marker), Date.parse(record.updatedAt));
    }
    // Overlap by a second: a write in flight during the poll is picked up next time.
    this.since = pollStarted - 1000;
    return body.results.length;
  }

  /** Adds the calls the sim logged since the log's last one (for the delivery hops). */
  async pollCalls(log: CrmCallLog): Promise<void> {
    const response = await fetch(`${this.simUrl}/__sim/calls?since=${log.lastSeq}`);
    if (!response.ok) throw new Error(`crm-sim calls: HTTP ${response.status}`);
    log.add(((await response.json()) as { results: SimCallEntry[] }).results);
  }

  async stats(): Promise<CrmSimStats> {
    const response = await fetch(`${this.simUrl}/__sim/stats`);
    if (!response.ok) throw new Error(`crm-sim stats: HTTP ${response.status}`);
    return (await response.json()) as CrmSimStats;
  }
}
