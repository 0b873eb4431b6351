import { Logger } from '@nestjs/common';
import { SystemicFailureException } from '../exceptions/systemic-failure.exception';
import { ReconcileCommand } from '../services/reconcile.command';
import { ReconcileTally } from '../services/reconcile-tally';
import { ReconcileReport } from '../types/reconcile-report.type';

/**
 * The frame both reconciliations share: tally the work of `body`; a systemic failure (Postgres
 * or Redis lost on the way) ends the run with a report of what was done until then.
 */
export async function runReconcile(
  kind: ReconcileReport['kind'],
  command: ReconcileCommand,
  { logger, now }: { logger: Logger; now: () => number },
  body: (tally: ReconcileTally, startedAt: number) => Promise<void>,
): Promise<ReconcileReport> {
  const startedAt = now();
  const tally = new ReconcileTally();
  const finish = (failure?: string) =>
    tally.report({
      kind,
      dryRun: command.dryRun,
      scope: command.scope,
      startedAt,
      finishedAt: now(),
      ...(failure ? { failure } : {}),
    });
  try {
    await body(tally, startedAt);
  } catch (error) {
    if (!(error instanceof SystemicFailureException)) throw error;
    logger.error(`reconcile ${kind} stopped: ${error.message}`);
    return finish(error.message);
  }
  return finish();
}
