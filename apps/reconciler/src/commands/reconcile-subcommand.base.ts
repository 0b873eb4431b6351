import { ReconcileKind } from '@syncline/reconcile';
import { CommandRunner, Option } from 'nest-commander';
import { ReconcileSession } from '../services/reconcile-session.service';
import { ReconcileCliOptions } from '../types/reconcile-cli-options.type';

/** What `reconcile cache` and `reconcile crm` share: the scope flags and the run itself. */
export abstract class ReconcileSubcommand extends CommandRunner {
  protected abstract readonly kind: ReconcileKind;

  constructor(private readonly session: ReconcileSession) {
    super();
  }

  async run(args: string[], options: ReconcileCliOptions = {}): Promise<void> {
    await this.session.run(this.kind, args, options);
  }

  @Option({ flags: '--dry-run', description: 'report drift without repairing anything' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--tenant <tenant>', description: 'only this tenant' })
  parseTenant(value: string): string {
    return value;
  }

  @Option({
    flags: '--collection <collection>',
    description: 'only this collection, by name or table (schema.table)',
  })
  parseCollection(value: string): string {
    return value;
  }

  @Option({ flags: '--entity <collection>', description: 'the same as --collection' })
  parseEntity(value: string): string {
    return value;
  }
}
