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
    expect(parseSyncctlArgs(['status', '--json'])).toMatchObject({ output: 'json' });
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

  describe('collections', () => {
    it('reads add with its table, backfill on by default', () => {
      expect(parseSyncctlArgs(['collections', 'add', 'inventory."StockLevels"'])).toEqual({
        kind: 'collections-add',
        table: { schema: 'inventory', table: 'StockLevels' },
        backfill: true,
        wait: false,
        partitions: 6,
      });
      expect(
        parseSyncctlArgs(['collections', 'add', 'public.t', '--no-backfill', '--partitions', '12']),
      ).toMatchObject({ backfill: false, partitions: 12 });
    });

    it('reads resync of one collection or of all, waiting if asked', () => {
      expect(parseSyncctlArgs(['collections', 'resync', 'orders', '--wait'])).toEqual({
        kind: 'collections-resync',
        collection: 'orders',
        all: false,
        wait: true,
      });
      expect(parseSyncctlArgs(['collections', 'resync', '--all'])).toMatchObject({ all: true });
    });

    it.each([
      [['collections'], /add, resync or list/],
      [['collections', 'add'], /needs a table/],
      [['collections', 'add', 'orders'], /schema\.table/],
      [['collections', 'add', 'public.t', '--partitions', '0'], /--partitions/],
      [['collections', 'resync'], /a collection name, or --all/],
      [['collections', 'resync', 'orders', '--all'], /a collection name, or --all/],
      [['collections', 'drop', 'x'], /unknown collections command "drop"/],
    ])('refuses %j', (argv, message) => {
      expect(() => parseSyncctlArgs(argv)).toThrow(message);
    });
  });
});
