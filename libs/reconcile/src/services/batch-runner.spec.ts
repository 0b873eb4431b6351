import { RetryPolicy } from '@syncline/resilience';
import { SourceFailedException } from '../exceptions/source-failed.exception';
import { SystemicFailureException } from '../exceptions/systemic-failure.exception';
import { BatchRunnerOptions } from '../types/batch-runner-options.type';
import { BatchRunner } from './batch-runner';

/** Items 0..count-1 in pages, as a Postgres keyset reader yields them. */
async function* pages(count: number, pageSize = 25): AsyncGenerator<number[]> {
  for (let start = 0; start < count; start += pageSize) {
    yield Array.from({ length: Math.min(pageSize, count - start) }, (_, i) => start + i);
  }
}

const label = (batch: readonly number[]) => `${batch[0]}..${batch[batch.length - 1]}`;

function runner(options: Partial<BatchRunnerOptions> = {}) {
  const waits: number[] = [];
  const instance = new BatchRunner({
    batch: { initial: 16, min: 2, max: 64 },
    retry: new RetryPolicy({ initialDelayMs: 1, maxDelayMs: 1, jitter: 0 }),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { runner: instance, waits };
}

describe(BatchRunner.name, () => {
  it('feeds every item once, in order, with batches growing while they succeed', async () => {
    const { runner: batches } = runner();
    const seen: number[] = [];
    const sizes: number[] = [];
    const result = await batches.run(
      pages(300),
      async (batch) => {
        sizes.push(batch.length);
        seen.push(...batch);
      },
      label,
    );
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(result).toMatchObject({ processed: 300, skipped: [] });
    expect(sizes.slice(0, 4)).toEqual([16, 24, 36, 54]);
    expect(Math.max(...sizes)).toBe(64);
  });

  it('skips a batch that keeps failing at the minimum size, records why, and completes the run', async () => {
    const { runner: batches } = runner();
    const done = new Set<number>();
    const result = await batches.run(
      pages(200),
      async (batch) => {
        // One bad item (a poisoned range): every batch that holds it fails.
        if (batch.includes(101)) throw new Error('range 101 is unreadable');
        for (const item of batch) done.add(item);
      },
      label,
    );
    expect(result.skipped).toEqual([
      {
        label: expect.stringMatching(/^10[01]\.\.10[12]$/),
        size: 2,
        message: 'range 101 is unreadable',
      },
    ]);
    expect(result.abandoned).toBeUndefined();
    // Everything but the one minimal batch around the bad item went through.
    expect(done.size).toBe(198);
    expect(done.has(101)).toBe(false);
    expect(done.has(199)).toBe(true);
    // ... and the size grew back after the skip.
    expect(batches.sizer.size).toBeGreaterThan(2);
  });

  it('retries a failed batch smaller, with backoff, before skipping anything', async () => {
    const { runner: batches, waits } = runner();
    let calls = 0;
    const result = await batches.run(
      pages(10),
      async (batch) => {
        calls += 1;
        if (batch.length > 4) throw new Error('too big for the destination');
      },
      label,
    );
    expect(result).toMatchObject({ processed: 10, skipped: [] });
    expect(calls).toBeGreaterThan(2);
    expect(waits.length).toBeGreaterThan(0);
  });

  it('gives up the rest of a source after too many failing batches in a row', async () => {
    const { runner: batches } = runner({ maxConsecutiveSkips: 3 });
    let pulled = 0;
    async function* counted(): AsyncGenerator<number[]> {
      for await (const page of pages(1000, 10)) {
        pulled += page.length;
        yield page;
      }
    }
    const result = await batches.run(
      counted(),
      async () => {
        throw new Error('destination is down');
      },
      label,
    );
    expect(result.skipped).toHaveLength(3);
    expect(result.abandoned).toMatch(
      /gave up after 3 failing batches in a row: destination is down/,
    );
    expect(pulled).toBeLessThan(100); // bounded: the rest was never read
  });

  it('waits on throttling as long as told, without counting a failure', async () => {
    let throttled = 2;
    const { runner: batches, waits } = runner({
      classify: (error) =>
        (error as Error).message === 'throttled'
          ? { kind: 'throttled', waitMs: 750 }
          : { kind: 'failed' },
    });
    const result = await batches.run(
      pages(5),
      async () => {
        if (throttled-- > 0) throw new Error('throttled');
      },
      label,
    );
    expect(result).toMatchObject({ processed: 5, skipped: [] });
    expect(waits).toEqual([750, 750]);
  });

  it('ends the run on a systemic failure instead of skipping everything after it', async () => {
    const { runner: batches } = runner({ isSystemic: async () => true });
    await expect(
      batches.run(
        pages(50),
        async () => {
          throw new Error('ECONNREFUSED');
        },
        label,
      ),
    ).rejects.toBeInstanceOf(SystemicFailureException);
    const { runner: fatal } = runner({ classify: () => ({ kind: 'fatal' }) });
    await expect(
      fatal.run(
        pages(5),
        async () => {
          throw new Error('redis gone');
        },
        label,
      ),
    ).rejects.toBeInstanceOf(SystemicFailureException);
  });

  it('reports a failing source as such', async () => {
    const { runner: batches } = runner();
    async function* broken(): AsyncGenerator<number[]> {
      yield [1, 2, 3];
      throw new Error('connection reset');
    }
    const processed: number[] = [];
    await expect(
      batches.run(broken(), async (batch) => void processed.push(...batch), label),
    ).rejects.toBeInstanceOf(SourceFailedException);
  });
});
