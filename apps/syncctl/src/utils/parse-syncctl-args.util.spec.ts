import { SyncctlException } from '../exceptions/syncctl.exception';
import { parseSyncctlArgs } from './parse-syncctl-args.util';

describe(parseSyncctlArgs.name, () => {
  it('reads reconcile --now with the reconciler flags and the global cluster flags', () => {
    expect(
      parseSyncctlArgs([
        '-n',
        'prod',
        '--context',
        'eu',
        'reconcile',
        '--now',
        '--tenant',
        'acme',
        '--dry-run',
      ]),
    ).toEqual({
      kind: 'reconcile-now',
      cluster: { namespace: 'prod', context: 'eu', kubeconfig: undefined },
      request: { tenant: 'acme', entity: undefined, destination: undefined, dryRun: true },
    });
  });

  it('reads status with its output and job count', () => {
    expect(parseSyncctlArgs(['status', '-o', 'json', '--jobs', '3'])).toMatchObject({
      kind: 'status',
      output: 'json',
      jobs: 3,
    });
    expect(parseSyncctlArgs(['status'])).toMatchObject({ output: 'table', jobs: 5 });
  });

  it.each([
    ['pause', true],
    ['resume', false],
  ])('reads %s <tenant> <destination-id>', (verb, paused) => {
    expect(parseSyncctlArgs([verb, 'acme', '3f0c9a52-8d1e'])).toMatchObject({
      kind: 'set-destination',
      tenant: 'acme',
      destination: '3f0c9a52-8d1e',
      paused,
    });
  });

  it('reads destinations <tenant>', () => {
    expect(parseSyncctlArgs(['destinations', 'acme'])).toMatchObject({
      kind: 'list-destinations',
      tenant: 'acme',
    });
  });

  it.each([
    [['reconcile'], /needs --now/],
    [['reconcile', '--now', '--tenant', 'a b'], /--tenant "a b" is not a valid name/],
    [['pause'], /pause needs a tenant and a destination id/],
    [['pause', 'acme'], /pause needs a tenant and a destination id/],
    [['pause', 'acme', 'a/b'], /destination "a\/b" is not a valid name/],
    [['resume', 'x', 'y', 'z'], /unexpected argument "z"/],
    [['destinations'], /destinations needs a tenant/],
    [['status', '-o', 'yaml'], /--output must be table or json/],
    [['status', '--jobs=-1'], /--jobs must be a whole number/],
    [['status', '--jobs', 'many'], /--jobs must be a whole number/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['status', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a usage error', (argv, message) => {
    let error: unknown;
    try {
      parseSyncctlArgs(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SyncctlException);
    expect((error as SyncctlException).code).toBe('usage');
    expect((error as SyncctlException).exitCode).toBe(2);
    expect((error as SyncctlException).message).toMatch(message);
    expect((error as SyncctlException).message).toContain('Usage: syncctl');
  });

  it('treats no command and help alike', () => {
    expect(parseSyncctlArgs([])).toEqual({ kind: 'help' });
    expect(parseSyncctlArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
