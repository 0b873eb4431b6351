import { ReconcileScopeException } from '../exceptions/reconcile-scope.exception';
import { ReconcileCommand } from './reconcile.command';

describe(ReconcileCommand.name, () => {
  it('keeps only the flags given', () => {
    const command = new ReconcileCommand('crm', { tenant: 'acme', entity: undefined }, true);
    expect(command.scope).toEqual({ tenant: 'acme' });
    expect(command.dryRun).toBe(true);
  });

  it('takes a tenant of any characters (a tenant column holds any value; cache keys encode it)', () => {
    expect(new ReconcileCommand('cache', { tenant: 'a:b/ü,%' }).scope).toEqual({
      tenant: 'a:b/ü,%',
    });
  });

  it.each([
    ['--destination for the cache', 'cache', { destination: 'hubspot' }, /reconcile crm/],
    ['an empty flag', 'crm', { destination: ' ' }, /--destination needs a value/],
  ] as const)('refuses %s', (_what, kind, scope, message) => {
    expect(() => new ReconcileCommand(kind, scope)).toThrow(ReconcileScopeException);
    expect(() => new ReconcileCommand(kind, scope)).toThrow(message);
  });
});
