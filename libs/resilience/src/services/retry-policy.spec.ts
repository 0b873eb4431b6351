import { RetryPolicy } from './retry-policy';

describe(RetryPolicy.name, () => {
  it('doubles the delay per attempt up to the cap, without jitter', () => {
    const policy = new RetryPolicy({
      initialDelayMs: 100,
      maxDelayMs: 1000,
      multiplier: 2,
      jitter: 0,
    });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => policy.delayFor(attempt))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('takes up to `jitter` of the delay away, never adds to it', () => {
    const low = new RetryPolicy({ initialDelayMs: 1000, jitter: 0.5 }, () => 0.999999);
    const high = new RetryPolicy({ initialDelayMs: 1000, jitter: 0.5 }, () => 0);
    expect(low.delayFor(1)).toBe(500);
    expect(high.delayFor(1)).toBe(1000);
  });

  it('waits at least as long as a Retry-After asks', () => {
    const policy = new RetryPolicy({ initialDelayMs: 100, jitter: 0 });
    expect(policy.delayFor(1, 5000)).toBe(5000);
    expect(policy.delayFor(1, 10)).toBe(100);
  });

  it('retries retriable errors until the operation succeeds', async () => {
    const policy = new RetryPolicy({ initialDelayMs: 1, jitter: 0 });
    const seen: number[] = [];
    const result = await policy.run(async (attempt) => {
      seen.push(attempt);
      if (attempt < 3) throw new Error('transient');
      return 'done';
    });
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up at once on an error that is not retriable', async () => {
    const policy = new RetryPolicy({ initialDelayMs: 1 });
    let attempts = 0;
    await expect(
      policy.run(
        async () => {
          attempts++;
          throw new Error('permanent');
        },
        { isRetriable: () => false },
      ),
    ).rejects.toThrow('permanent');
    expect(attempts).toBe(1);
  });

  it('stops after maxAttempts and rethrows the last error', async () => {
    const policy = new RetryPolicy({ initialDelayMs: 1, maxAttempts: 4 });
    let attempts = 0;
    await expect(
      policy.run(async () => {
        attempts++;
        throw new Error(`failure ${attempts}`);
      }),
    ).rejects.toThrow('failure 4');
    expect(attempts).toBe(4);
  });
});
