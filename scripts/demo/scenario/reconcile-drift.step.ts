import type { ReconcileSummary } from '../demo-apps';
import { DemoFailure, expectThat } from '../output/demo-failure';
import { formatTable } from '../output/format-table';
import type { DemoContext } from './demo-context';
import type { Drift } from './inject-drift.step';

/** `reconcile cache`: Postgres vs Redis by range summaries; repairs through the version guard. */
export async function reconcileCache(context: DemoContext, drift: Drift): Promise<void> {
  const { printer, tenants } = context;
  printer.step(`Reconciler: reconcile cache --tenant ${tenants.acme.id}`);
  const summary = await runReconciler(context, 'cache');
  showSummary(context, summary);
  expectThat(
    summary.totals.missing === 1 && summary.totals.stale === 1 && summary.totals.repaired === 2,
    `reconcile cache to find 1 missing and 1 stale entry and repair both (got ${JSON.stringify(summary.totals)})`,
  );
  for (const record of drift.cache) {
    const states = await context.hops.states(record);
    const redisProblems = context.hops
      .disagreements(record, states)
      .filter((problem) => problem.startsWith('Redis'));
    expectThat(
      redisProblems.length === 0,
      `${record.label} repaired in Redis: ${redisProblems.join('; ')}`,
    );
    printer.see(record.label, `Redis ${context.hops.describe(record, states).redis} (= Postgres)`);
  }
}

/** `reconcile crm`: Postgres vs each destination; drift is re-enqueued for the delivery-worker. */
export async function reconcileCrm(context: DemoContext, drift: Drift): Promise<void> {
  const { printer, tenants } = context;
  printer.step(`Reconciler: reconcile crm --tenant ${tenants.acme.id}`);
  const summary = await runReconciler(context, 'crm');
  showSummary(context, summary);
  const startedAt = Date.now();
  const row = (entity: string, kind: 'hubspot' | 'salesforce') =>
    summary.rows.find(
      (candidate) =>
        candidate.entity === entity &&
        candidate.destination === tenants.acme.destinations[kind]?.id,
    );
  expectThat(
    row('company', 'hubspot')?.stale === 1 && row('deal', 'salesforce')?.missing === 1,
    'reconcile crm to find the edited HubSpot company stale and the deleted Salesforce deal missing',
  );
  expectThat(
    summary.totals.repaired === 2,
    `2 repairs re-enqueued, got ${summary.totals.repaired}`,
  );
  for (const record of drift.crm) {
    await context.hops.waitUntilAgree(record);
    printer.see(
      record.label,
      `re-delivered by the delivery-worker ${((Date.now() - startedAt) / 1000).toFixed(1)} s after the run`,
    );
  }
}

async function runReconciler(
  context: DemoContext,
  kind: 'cache' | 'crm',
): Promise<ReconcileSummary> {
  const tenant = context.tenants.acme.id;
  const startedAt = Date.now();
  const run = await context.apps.reconcile(
    ['reconcile', kind, '--tenant', tenant],
    `reconcile-${kind}`,
  );
  if (run.code !== 0 || !run.summary) {
    throw new DemoFailure(`reconcile ${kind} exited with ${run.code}; see ${run.logFile}`);
  }
  context.printer.act(
    `node dist/apps/reconciler/src/main.js reconcile ${kind} --tenant ${tenant}  ` +
      `(exit 0 in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, log ${run.logFile})`,
  );
  return run.summary;
}

/** The run's report rows (the reconciler prints the same as a table on stderr). */
function showSummary(context: DemoContext, summary: ReconcileSummary): void {
  const perDestination = summary.rows.some((row) => row.destination !== undefined);
  const rows = summary.rows.map((row) => [
    row.entity,
    ...(perDestination ? [row.destinationName ?? row.destination ?? ''] : []),
    ...[row.compared, row.missing, row.stale, row.orphan, row.repaired, row.errors].map(String),
  ]);
  const header = ['compared', 'missing', 'stale', 'orphan', 'repaired', 'errors'];
  context.printer.block(
    formatTable(['entity', ...(perDestination ? ['destination'] : []), ...header], rows),
  );
}
