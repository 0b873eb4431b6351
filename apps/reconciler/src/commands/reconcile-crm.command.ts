import { Inject } from '@nestjs/common';
import { Option, SubCommand } from 'nest-commander';
import { ReconcileSession } from '../services/reconcile-session.service';
import { ReconcileSubcommand } from './reconcile-subcommand.base';

@SubCommand({
  name: 'crm',
  description:
    'compare Postgres with each CRM destination; re-enqueue missing and stale records for delivery, archive records without a row (mirror destinations)',
})
export class ReconcileCrmCommand extends ReconcileSubcommand {
  protected readonly kind = 'crm' as const;

  constructor(@Inject(ReconcileSession) session: ReconcileSession) {
    super(session);
  }

  @Option({
    flags: '--destination <destination>',
    description: 'only this destination (id or name)',
  })
  parseDestination(value: string): string {
    return value;
  }
}
