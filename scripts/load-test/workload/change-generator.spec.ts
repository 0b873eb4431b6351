import { ChangeGenerator } from './change-generator';

function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function generator(mix = { insert: 40, update: 50, delete: 10 }, random = lcg(1)) {
  let n = 0;
  return new ChangeGenerator({
    runId: 'r1',
    lane: 2,
    tenants: ['t-1', 't-2'],
    mix,
    hotFraction: 0.1,
    hotAccess: 0.8,
    payloadBytes: 100,
    random,
    newId: () => `id-${++n}`,
  });
}

describe(ChangeGenerator.name, () => {
  it('inserts first: with no live key, an update or delete becomes an insert', () => {
    const batch = generator({ insert: 0, update: 1, delete: 1 }).next(5);
    expect(batch.inserts).toHaveLength(5);
    expect(batch.updates).toHaveLength(0);
    expect(batch.deletes).toHaveLength(0);
    expect(batch.inserts[0]).toMatchObject({ id: 'id-1', email: 'r1-2-1@load.test', marker: 1 });
    expect(batch.inserts[0].notes).toHaveLength(100);
  });

  it('follows the mix once keys exist and never repeats a key within a batch', () => {
    const gen = generator();
    gen.committed(gen.next(2000));
    const totals = { insert: 0, update: 0, delete: 0 };
    for (let round = 0; round < 20; round++) {
      const batch = gen.next(500);
      const keys = [...batch.updates, ...batch.deletes].map((k) => k.id);
      expect(new Set(keys).size).toBe(keys.length);
      totals.insert += batch.inserts.length;
      totals.update += batch.updates.length;
      totals.delete += batch.deletes.length;
      gen.committed(batch);
    }
    const all = totals.insert + totals.update + totals.delete;
    expect(all).toBe(10_000);
    expect(totals.update / all).toBeGreaterThan(0.4);
    expect(totals.delete / all).toBeCloseTo(0.1, 1);
  });

  it('keeps live keys in step with commits and failures', () => {
    const gen = generator({ insert: 1, update: 0, delete: 1 });
    gen.committed(gen.next(100));
    const live = gen.liveCount;
    const batch = gen.next(50);
    expect(gen.liveCount).toBe(live - batch.deletes.length);
    gen.failed(batch);
    expect(gen.liveCount).toBe(live);
  });

  it('gives every change a new, increasing marker', () => {
    const gen = generator({ insert: 1, update: 1, delete: 0 });
    gen.committed(gen.next(10));
    const batch = gen.next(10);
    const markers = [...batch.inserts, ...batch.updates].map((c) => c.marker).sort((a, b) => a - b);
    expect(markers).toEqual(Array.from({ length: 10 }, (_, i) => i + 11));
  });
});
