import type { ReconcileReport, ReportRow } from '@syncline/reconcile';
import { runTsScript } from '../../support/run-ts-script';

/** The final log line of a run: the report's figures, its run id and the metric fields. */
export type ReportLine = Pick<ReconcileReport, 'totals' | 'rows' | 'errors' | 'errorCount'> & {
  msg: string;
  runId: string;
  [field: string]: unknown;
};

/** What one reconciler invocation did: its exit code, its output and its final report line. */
export interface ReconcilerRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The `reconcile <kind> finished` log line (totals, rows, errors, runId, metric fields). */
  report?: ReportLine;
}

/**
 * Runs the reconciler CLI as the CronJob does (a child process, ts-node like the other apps) and
 * waits for it to exit. Output also goes to <stack>/test-apps/ for post-mortems.
 */
export async function runReconciler(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<ReconcilerRun> {
  const { code, stdout, stderr } = await runTsScript('apps/reconciler/src/main.ts', args, env, {
    label: 'reconciler',
    timeoutMs,
  });
  const report = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ReportLine)
    .find((line) => /^reconcile (cache|crm) finished/.test(String(line.msg)));
  return { code, stdout, stderr, report };
}

/** The report row of one scope (tenant, entity, and for CRM runs the destination id). */
export function rowOf(
  report: Pick<ReconcileReport, 'rows'> | undefined,
  tenant: string,
  entity: string,
  destination?: string,
): ReportRow {
  const row = (report?.rows ?? []).find(
    (row) =>
      row.tenant === tenant &&
      row.entity === entity &&
      (destination === undefined || row.destination === destination),
  );
  if (!row) throw new Error(`no report row for ${tenant}/${entity}/${destination ?? '-'}`);
  return row;
}
