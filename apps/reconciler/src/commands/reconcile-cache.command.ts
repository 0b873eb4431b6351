import { Inject } from '@nestjs/common';
import { SubCommand } from 'nest-commander';
import { ReconcileSession } from '../services/reconcile-session.service';
import { ReconcileSubcommand } from './reconcile-subcommand.base';

@SubCommand({
  name: 'cache',
  description:
    'compare Postgres with the Redis cache (range summaries, then manifests where they differ) and repair missing, stale and orphan records',
})
export class ReconcileCacheCommand extends ReconcileSubcommand {
  protected readonly kind = 'cache' as const;

  constructor(@Inject(ReconcileSession) session: ReconcileSession) {
    super(session);
  }
}
