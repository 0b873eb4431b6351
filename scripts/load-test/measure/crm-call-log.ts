/** A CRM API call as `/__sim/calls` lists it (the fields we use). */
export interface SimCallEntry {
  seq: number;
  method: string;
  path: string;
  status: number;
  /** When the call arrived (ISO). */
  timestamp: string;
  durationMs: number;
}

interface WriteCall {
  arrivedAt: number;
  endedAt: number;
}

/**
 * The CRM simulator's successful write calls, to find the call that stored a record: the sim
 * writes a record while it handles the call, so its update time falls between the call's arrival
 * and its end. Reads (GET, batch/read, search) store nothing and are left out.
 */
export class CrmCallLog {
  private readonly calls: WriteCall[] = [];
  lastSeq = 0;

  add(entries: readonly SimCallEntry[]): void {
    for (const call of entries) {
      this.lastSeq = Math.max(this.lastSeq, call.seq);
      const read = call.method === 'GET' || /\/(search|batch\/read)$/.test(call.path);
      if (read || call.status < 200 || call.status >= 300) continue;
      const arrivedAt = Date.parse(call.timestamp);
      // +1: both times are truncated to the millisecond.
      this.calls.push({ arrivedAt, endedAt: arrivedAt + call.durationMs + 1 });
    }
    // The log lists calls as they end; concurrent calls can end out of arrival order.
    this.calls.sort((a, b) => a.arrivedAt - b.arrivedAt);
  }

  /** Arrival of the latest write call that was in flight at `storedAt`; undefined if none. */
  arrivalFor(storedAt: number): number | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const call = this.calls[i];
      if (call.arrivedAt <= storedAt && storedAt <= call.endedAt) return call.arrivedAt;
    }
    return undefined;
  }

  /** Forgets calls that ended before `ms` (their records were matched or given up on). */
  forgetBefore(ms: number): void {
    const keep = this.calls.filter((call) => call.endedAt >= ms);
    this.calls.splice(0, this.calls.length, ...keep);
  }
}
