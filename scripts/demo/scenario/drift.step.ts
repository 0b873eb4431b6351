import { DemoFailure, expectThat } from '../output/demo-failure';
import { formatTable } from '../output/format-table';
import type { DemoRecord } from '../observe/record-hops';
import type { ReconcileSummary } from '../demo-apps';
import { recordNamed, type DemoContext } from './demo-context';
import { IDENTITY } from './mapping-documents';

/** The records drift was planted in, by the side that drifted. */
export interface Drift {
  cache: DemoRecord[];
  crm: DemoRecord[];
}

/**
 * Drift behind the pipeline's back, as lost messages or hand edits leave it: one Redis entry
 * deleted, one rolled back to an older version with other data (keys from the one key builder);
 * a HubSpot company renamed by hand, a Salesforce opportunity deleted by hand.
 */
export async function injectDrift(context: DemoContext): Promise<Drift> {
  const { printer, redis, keys, hubspot, salesforce } = context;
  printer.step("Drift behind the pipeline's back: Redis entries and CRM records changed directly");
  const margaret = recordNamed(context, 'Margaret Hamilton');
  const ada = recordNamed(context, 'Ada Lovelace');
  await redis.del(keys.record(margaret));
  printer.act(`DEL ${keys.record(margaret)}`);
  const cached = await context.cache.get(ada);
  if (!cached || cached.deleted) throw new DemoFailure(`${ada.label} is not in Redis`);
  const rolledBack = {
    ...cached.data,
    first_name: 'Ada (lost update)',
    version: cached.version - 1,
  };
  // The repository's hash fields (`v` version, `d` data), written the way a lost update leaves them.
  await redis.hset(
    keys.record(ada),
    'v',
    String(cached.version - 1),
    'd',
    JSON.stringify(rolledBack),
  );
  printer.act(`HSET ${keys.record(ada)} back to v${cached.version - 1} with other data`);

  const company = recordNamed(context, 'Acme Corp');
  const companyInHubSpot = await hubspot.find('companies', IDENTITY.hubspot, company.id);
  if (!companyInHubSpot) throw new DemoFailure(`${company.label} is not in HubSpot`);
  await hubspot.editRecord('companies', companyInHubSpot.id, { name: 'ACME (edited by hand)' });
  printer.act(`PATCH HubSpot company ${companyInHubSpot.id}: name = 'ACME (edited by hand)'`);
  const deal = recordNamed(context, 'Acme renewal');
  const dealInSalesforce = await salesforce.find('Opportunity', IDENTITY.salesforce, deal.id);
  if (!dealInSalesforce) throw new DemoFailure(`${deal.label} is not in Salesforce`);
  await salesforce.deleteRecord('Opportunity', dealInSalesforce.id);
  printer.act(`DELETE Salesforce Opportunity ${dealInSalesforce.id} ('${deal.label}')`);

  const drift = { cache: [margaret, ada], crm: [company, deal] };
  for (const record of [...drift.cache, ...drift.crm]) {
    const problems = context.hops.disagreements(record, await context.hops.states(record));
    expectThat(problems.length > 0, `${record.label} to have drifted`);
    printer.see(record.label, problems.join('; '));
  }
  printer.see('workers', 'see nothing: no change event, no notice');
  return drift;
}

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
