import { Command, CommandRunner } from 'nest-commander';
import { EXIT_CODES } from '../constants/reconciler.constants';
import { ReconcileCacheCommand } from './reconcile-cache.command';
import { ReconcileCrmCommand } from './reconcile-crm.command';

/** `reconcile cache|crm`: without a known kind, a usage error. */
@Command({
  name: 'reconcile',
  description: 'find and repair drift between Postgres and the cache or the CRMs',
  subCommands: [ReconcileCacheCommand, ReconcileCrmCommand],
})
export class ReconcileRootCommand extends CommandRunner {
  async run(args: string[]): Promise<void> {
    const what = args.length > 0 ? `unknown kind ${JSON.stringify(args[0])}` : 'missing kind';
    process.stderr.write(`reconcile: ${what}: use "reconcile cache" or "reconcile crm"\n`);
    process.exitCode = EXIT_CODES.usage;
  }
}
