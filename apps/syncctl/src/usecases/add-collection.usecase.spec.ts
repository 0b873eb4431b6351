import { SyncctlException } from '../exceptions/syncctl.exception';
import type { SnapshotRequester } from '../services/snapshot-requester.service';
import type { SourceAdmin, TableState } from '../services/source-admin.service';
import { AddCollectionUseCase } from './add-collection.usecase';

const orders = { schema: 'public', table: 'orders' };

function setUp(state: Partial<TableState>, publicationExists = true) {
  const steps: string[] = [];
  const source = {
    publicationExists: jest.fn(async () => publicationExists),
    describe: jest.fn(async () => ({
      exists: true,
      primaryKey: ['id'],
      published: false,
      replicaIdentity: 'DEFAULT',
      ...state,
    })),
    publish: jest.fn(async () => void steps.push('publish')),
  } as unknown as SourceAdmin;
  const snapshots = {
    backfill: jest.fn(async () => {
      steps.push('backfill');
      return { signalId: 'sig-1' };
    }),
  } as unknown as SnapshotRequester;
  const ensureTopic = jest.fn(async (topic: string) => void steps.push(`topic ${topic}`));
  return {
    useCase: new AddCollectionUseCase(source, snapshots, ensureTopic, 'syncline'),
    steps,
    source,
  };
}

describe(AddCollectionUseCase.name, () => {
  it('creates the topic, then publishes, then backfills', async () => {
    const { useCase, steps } = setUp({});

    await expect(useCase.execute(orders, { backfill: true, wait: false })).resolves.toEqual({
      table: 'public.orders',
      publication: 'added',
      topic: 'syncline.public.orders',
      signalId: 'sig-1',
      rowsScanned: undefined,
      warnings: [],
    });
    expect(steps).toEqual(['topic syncline.public.orders', 'publish', 'backfill']);
  });

  it('leaves a published table in place and backfills only when asked', async () => {
    const { useCase, steps } = setUp({ published: true });

    const result = await useCase.execute(orders, { backfill: false, wait: false });

    expect(result).toMatchObject({ publication: 'already', signalId: undefined });
    expect(steps).toEqual(['topic syncline.public.orders']);
  });

  it('warns about a table without a primary key, naming what to configure', async () => {
    const { useCase } = setUp({ primaryKey: [] });

    const { warnings } = await useCase.execute(orders, { backfill: true, wait: false });

    expect(warnings).toEqual([expect.stringContaining('public.orders has no primary key')]);
    expect(warnings[0]).toContain('keyColumns');
  });

  it('names a table that does not exist, and touches nothing', async () => {
    const { useCase, steps } = setUp({ exists: false });

    const failure = useCase.execute(orders, { backfill: true, wait: false });

    await expect(failure).rejects.toThrow('table public.orders does not exist');
    await expect(failure).rejects.toBeInstanceOf(SyncctlException);
    expect(steps).toEqual([]);
  });

  it('sends to db:migrate when the publication is missing', async () => {
    const { useCase } = setUp({}, false);

    await expect(useCase.execute(orders, { backfill: true, wait: false })).rejects.toThrow(
      /npm run db:migrate/,
    );
  });
});
