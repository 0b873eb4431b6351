import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { ReconcileKind } from '../types/reconcile-kind.type';
import { ReconcileScope } from '../types/reconcile-scope.type';

/**
 * One requested run: its kind, scope and whether it only reports. Checks the shape of the scope
 * when created (whether the tenant, entity or destination exists is for the caller to resolve).
 */
export class ReconcileCommand {
  readonly scope: ReconcileScope;

  constructor(
    readonly kind: ReconcileKind,
    scope: ReconcileScope,
    readonly dryRun = false,
  ) {
    if (scope.destination !== undefined && kind !== 'crm') {
      throw new ReconcileScopeException('--destination narrows "reconcile crm" only');
    }
    for (const [flag, value] of Object.entries(scope)) {
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
        throw new ReconcileScopeException(`--${flag} needs a value`);
      }
    }
    this.scope = {
      ...(scope.tenant !== undefined ? { tenant: scope.tenant } : {}),
      ...(scope.entity !== undefined ? { entity: scope.entity } : {}),
      ...(scope.destination !== undefined ? { destination: scope.destination } : {}),
    };
  }
}
