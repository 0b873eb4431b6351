// The demo (`npm run demo`; scripts/demo/run brings the stack up, builds, then runs this): all
// apps as real processes, two tenants with a HubSpot and a Salesforce destination each, and a short
// scenario printed step by step. Exits non-zero when an expected outcome does not happen, so it
// doubles as a smoke test. With DEMO_KEEP=true (--keep) the apps keep running afterwards.
import { DemoFailure } from './output/demo-failure';
import { configureTenants } from './scenario/configure-tenants.step';
import { createDemoContext } from './scenario/create-demo-context';
import { createRecords } from './scenario/create-records.step';
import { crmOutage, crmRecovery } from './scenario/crm-outage.step';
import { crmUserEdit } from './scenario/crm-user-edit.step';
import { deleteRecord } from './scenario/delete-record.step';
import type { DemoContext } from './scenario/demo-context';
import { injectDrift } from './scenario/inject-drift.step';
import { reconcileCache, reconcileCrm } from './scenario/reconcile-drift.step';
import { showFinalState } from './scenario/final-state.step';
import { startApps } from './scenario/start-apps.step';
import { updateRecords } from './scenario/update-records.step';

async function runScenario(context: DemoContext): Promise<void> {
  await startApps(context);
  await configureTenants(context);
  await createRecords(context);
  await updateRecords(context);
  await crmUserEdit(context);
  await deleteRecord(context);
  await crmRecovery(context, await crmOutage(context));
  const drift = await injectDrift(context);
  await reconcileCache(context, drift);
  await reconcileCrm(context, drift);
  await showFinalState(context);
}

async function main(): Promise<number> {
  const keep = process.env.DEMO_KEEP === 'true';
  const context = await createDemoContext(process.env);
  const { printer, apps, tenants } = context;
  console.log(
    `Syncline demo: tenants ${tenants.acme.id} and ${tenants.globex.id}; app logs in ${apps.logDir}`,
  );
  let passed = false;
  try {
    await runScenario(context);
    passed = true;
    console.log(
      `\nDemo passed: every step did what it should, in ${printer.elapsedSeconds.toFixed(0)} s.`,
    );
  } catch (error) {
    const message =
      error instanceof DemoFailure
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    console.error(
      `\nDEMO FAILED at ${printer.current}: ${message}\n(app logs: ${apps.logDir}/*.log)`,
    );
    await context.hubspot.clearFaults().catch(() => undefined);
  } finally {
    // Without --keep, leave no destination behind in the stack's control plane: every later run
    // (and every delivery-worker start) would otherwise carry it.
    if (!keep) await removeDestinations(context);
    await context.close();
  }
  if (keep) printKeepNotes(context);
  else await apps.stopAll();
  return passed ? 0 : 1;
}

async function removeDestinations({ admin, tenants }: DemoContext): Promise<void> {
  for (const tenant of Object.values(tenants)) {
    for (const destination of Object.values(tenant.destinations)) {
      if (destination)
        await admin.deleteDestination(tenant.id, destination.id).catch((error: unknown) => {
          console.error(`could not delete destination ${destination.id}: ${String(error)}`);
        });
    }
  }
}

function printKeepNotes({ urls, ports, tenants, apps, adminKey }: DemoContext): void {
  const { acme } = tenants;
  const hubspotDestination = acme.destinations.hubspot?.id ?? '<destination id>';
  console.log(
    [
      '',
      'Everything keeps running (--keep). To explore:',
      `  cache-api        ${urls.cacheApi}  (admin key: ${adminKey}, dev stacks only)`,
      ...Object.values(tenants).map(
        (tenant) => `    tenant ${tenant.id.padEnd(14)} x-api-key: ${tenant.apiKey}`,
      ),
      `  HubSpot sim      ${urls.hubspot}/__sim/records/contacts  (also /__sim/calls, /__sim/faults)`,
      `  Salesforce sim   ${urls.salesforce}/__sim/records/Contact`,
      `  sync-workers     http://127.0.0.1:${ports.syncWorkerOps[0]}/metrics  http://127.0.0.1:${ports.syncWorkerOps[1]}/metrics`,
      `  delivery-worker  http://127.0.0.1:${ports.deliveryWorkerOps}/metrics`,
      `  delivery log     curl -H 'x-api-key: ${adminKey}' ${urls.cacheApi}/v1/admin/tenants/${acme.id}/destinations/${hubspotDestination}/deliveries`,
      `  app logs         ${apps.logDir}/*.log`,
      '  stop everything  scripts/stack down   (with the same SYNCLINE_STACK_DIR)',
    ].join('\n'),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `DEMO FAILED before it started: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
