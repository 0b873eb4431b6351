import { CRM_NAMES } from '../observe/find-disagreements';
import type { HopStates } from '../observe/hop-states.type';
import type { DemoRecord } from '../observe/record-hops';
import type { DemoContext } from './demo-context';
import type { CrmKind } from './mapping-documents';

/** One line: the record reached every hop, at which version, how long after the write. */
export function showArrived(
  context: DemoContext,
  record: DemoRecord,
  states: HopStates,
  sinceMs: number,
): void {
  const crms = Object.keys(states.crm) as CrmKind[];
  const version = states.redis?.version ?? '-';
  context.printer.see(
    record.label,
    `Postgres v${Number(states.postgres?.version)} -> Redis v${version} -> ` +
      `${crms.map((kind) => `${CRM_NAMES[kind]} ${states.crm[kind]?.id}`).join(', ')}` +
      `   (${((Date.now() - sinceMs) / 1000).toFixed(1)} s)`,
  );
}

/** What each hop holds for the record, one line per hop, and what the cache-api answers. */
export async function showHops(
  context: DemoContext,
  record: DemoRecord,
  states: HopStates,
): Promise<void> {
  const described = context.hops.describe(record, states);
  const tenant = Object.values(context.tenants).find((candidate) => candidate.id === record.tenant);
  const read = await tenant?.records.get(context.hops.collection(record), record.id);
  context.printer.see(record.label, '');
  context.printer.see('  postgres', described.postgres);
  context.printer.see('  redis', described.redis);
  if (read) {
    context.printer.see(
      '  cache-api',
      `GET -> ${read.status}${read.status === 200 ? `, ETag ${read.headers.get('etag')}` : ''}`,
    );
  }
  for (const kind of ['hubspot', 'salesforce'] as const) {
    if (described[kind] !== undefined) {
      context.printer.see(`  ${kind}`, described[kind]);
    }
  }
}

/** Calls each sim received so far, by status, and how many records the writes carried. */
export async function showCrmCalls(context: DemoContext): Promise<void> {
  for (const kind of ['hubspot', 'salesforce'] as const) {
    const calls = await context[kind].calls();
    const byStatus = new Map<number, number>();
    for (const call of calls) byStatus.set(call.status, (byStatus.get(call.status) ?? 0) + 1);
    // Record writes: batch upserts and archives, Salesforce composite calls; not reads.
    const writes = calls.filter(
      (call) => call.items > 0 && call.method !== 'GET' && !/read|query|search/.test(call.path),
    );
    const records = writes.reduce((sum, call) => sum + call.items, 0);
    const statuses = [...byStatus].map(([status, count]) => `${count}x ${status}`).join(', ');
    context.printer.see(
      `${kind} calls`,
      `${calls.length} so far (${statuses}); ${writes.length} batch writes carried ${records} records`,
    );
  }
}
