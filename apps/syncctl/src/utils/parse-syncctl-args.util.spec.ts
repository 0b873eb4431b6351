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
  ])('reads %s <destination>', (verb, paused) => {
    expect(parseSyncctlArgs([verb, 'hubspot-acme'])).toMatchObject({
      kind: 'set-destination',
      destination: 'hubspot-acme',
      paused,
    });
  });

  it.each([
    [['reconcile'], /needs --now/],
    [['reconcile', '--now', '--tenant', 'a b'], /--tenant "a b" is not a valid name/],
    [['pause'], /pause needs a destination/],
    [['pause', 'a/b'], /not a valid name/],
    [['resume', 'x', 'y'], /unexpected argument "y"/],
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
