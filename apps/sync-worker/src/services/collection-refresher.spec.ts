import { CollectionRegistry, CollectionsConfigException } from '@syncline/records';
import { CollectionRefresher } from './collection-refresher';

function registryWith(reload: () => Promise<boolean>) {
  const calls = { count: 0 };
  const registry = {
    reload: async () => {
      calls.count += 1;
      return reload();
    },
  } as unknown as CollectionRegistry;
  return { registry, calls };
}

describe(CollectionRefresher.name, () => {
  it('re-reads once for batches that see drift at the same time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { registry, calls } = registryWith(async () => {
      await gate;
      return true;
    });
    const refresher = new CollectionRefresher(registry);
    const mark = refresher.mark();
    const all = Promise.all([
      refresher.refresh(['a: unknown column x'], mark),
      refresher.refresh(['a: unknown column y'], mark),
      refresher.refresh(['table s.t is not a collection'], mark),
    ]);
    release();
    expect(await all).toEqual([true, true, true]);
    expect(calls.count).toBe(1);
  });

  it('re-reads again for a batch that started after the last re-read had begun', async () => {
    const { registry, calls } = registryWith(async () => false);
    const refresher = new CollectionRefresher(registry);
    await refresher.refresh(['a: unknown column x'], refresher.mark());
    await refresher.refresh(['a: unknown column y'], refresher.mark());
    expect(calls.count).toBe(2);
  });

  it('does not chase a sign a re-read left unexplained until the collections change or time passes', async () => {
    let now = 0;
    let changed = false;
    const { registry, calls } = registryWith(async () => changed);
    const refresher = new CollectionRefresher(registry, undefined, 60_000, () => now);
    const sign = ['a: unknown column excluded_by_config'];
    await refresher.refresh(sign, refresher.mark());
    expect(await refresher.refresh(sign, refresher.mark())).toBe(false);
    expect(calls.count).toBe(1);
    now = 60_000;
    await refresher.refresh(sign, refresher.mark());
    expect(calls.count).toBe(2);
    changed = true; // another sign's re-read changes the collections: this one is worth a look again
    await refresher.refresh(['a: unknown column new'], refresher.mark());
    await refresher.refresh(sign, refresher.mark());
    expect(calls.count).toBe(4);
  });

  it('keeps the collections it has when the config no longer fits the catalog, and says so', async () => {
    const outcomes: string[] = [];
    const { registry } = registryWith(async () => {
      throw new CollectionsConfigException(['public.t.exclude: column x does not exist']);
    });
    const refresher = new CollectionRefresher(registry, (outcome) => outcomes.push(outcome));
    await expect(
      refresher.refresh(['t: column x not in the event'], refresher.mark()),
    ).resolves.toBe(true);
    expect(outcomes).toEqual(['invalid_config']);
  });

  it('lets any other failure (Postgres down) fail the batch, to be retried', async () => {
    const { registry } = registryWith(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const refresher = new CollectionRefresher(registry);
    await expect(refresher.refresh(['x'], refresher.mark())).rejects.toThrow('ECONNREFUSED');
  });
});
