// reconciler: the nightly CronJob's entrypoint and an operator's CLI.
//   node dist/apps/reconciler/src/main.js reconcile cache|crm [--dry-run] [--tenant T] [--entity E] [--destination D]
// Exit codes: 0 done (drift found or not), 1 Postgres/Redis unreachable, 2 bad flags.
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { getConfig } from '@syncline/config';
import { CommandFactory } from 'nest-commander';
import { Logger } from 'nestjs-pino';
import { EXIT_CODES, RECONCILER_APP } from './constants/reconciler.constants';
import { loadReconcilerConfig } from './utils/load-reconciler-config.util';

async function main(): Promise<number> {
  // On a terminal the progress bar and the table are the output: logs from warn up, unless asked.
  if (process.stderr.isTTY && !process.env.SYNCLINE_LOG_LEVEL) {
    process.env.SYNCLINE_LOG_LEVEL = 'warn';
  }
  let app: INestApplicationContext;
  let exitCode: number | undefined;
  try {
    getConfig(); // fail fast on a bad environment, before anything connects
    loadReconcilerConfig();
    // Imported only now: the module reads the (possibly adjusted) log level when it loads.
    const { ReconcilerModule } = await import('./reconciler.module');
    app = await CommandFactory.createWithoutRunning(ReconcilerModule, {
      bufferLogs: true,
      // Start-up errors (Postgres unreachable) come back here instead of ending the process.
      abortOnError: false,
      cliName: RECONCILER_APP,
      serviceErrorHandler: (error: Error & { code?: string; exitCode?: number }) => {
        exitCode = commanderExitCode(error);
        if (exitCode === EXIT_CODES.systemic) {
          process.stderr.write(`${RECONCILER_APP}: ${error.message}\n`);
        }
      },
    });
  } catch (error) {
    process.stderr.write(`${RECONCILER_APP}: cannot start: ${describe(error)}\n`);
    return EXIT_CODES.systemic;
  }
  app.useLogger(app.get(Logger));
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
  }
  return exitCode ?? (typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.ok);
}

/** Help is 0; a usage error found by commander (unknown option or command) is 2; anything else 1. */
function commanderExitCode(error: Error & { code?: string; exitCode?: number }): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
    return EXIT_CODES.ok;
  }
  return error.code?.startsWith('commander.') ? EXIT_CODES.usage : EXIT_CODES.systemic;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ');
  return error instanceof Error ? error.message : String(error);
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${RECONCILER_APP}: ${describe(error)}\n`);
    process.exit(EXIT_CODES.systemic);
  },
);
