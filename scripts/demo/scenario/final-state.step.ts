import { DemoFailure } from '../output/demo-failure';
import { FINAL_STATE_HEADER, finalStateRows, FinalStateEntry } from '../output/final-state-rows';
import { formatTable } from '../output/format-table';
import type { DemoContext } from './demo-context';
import { showCrmCalls } from './show-record';

/**
 * Every record of both tenants side by side in Postgres, Redis and both CRMs. Fails (non-zero
 * exit) if any hop disagrees with Postgres.
 */
export async function showFinalState(context: DemoContext): Promise<void> {
  const { printer, hops, tenants } = context;
  printer.step('Final state: Postgres, Redis, HubSpot and Salesforce side by side');
  const disagreeing: string[] = [];
  for (const tenant of Object.values(tenants)) {
    const entries: FinalStateEntry[] = [];
    for (const record of context.records.filter((candidate) => candidate.tenant === tenant.id)) {
      const states = await hops.states(record);
      const problems = hops.disagreements(record, states);
      if (problems.length > 0) disagreeing.push(record.label);
      // Redis by its version: the values are Postgres's, or the row disagrees.
      const redis = !states.redis
        ? 'no entry'
        : `${states.redis.deleted ? 'tombstone ' : ''}v${states.redis.version}`;
      entries.push({
        label: record.label,
        entity: record.entity,
        hops: { ...hops.describe(record, states), redis },
        problems,
      });
    }
    printer.block(`\ntenant ${tenant.id}`);
    printer.block(formatTable(FINAL_STATE_HEADER, finalStateRows(entries), { maxCellWidth: 44 }));
  }
  printer.block('');
  await showCrmCalls(context);
  if (disagreeing.length > 0) {
    throw new DemoFailure(`the hops disagree about ${disagreeing.join(', ')}`);
  }
}
