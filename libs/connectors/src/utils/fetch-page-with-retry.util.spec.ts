import { RetryPolicy } from '@syncline/resilience';
import { DEFAULT_LIST_RETRY } from '../constants/default-list-retry.constant';
import { DeliveryException } from '../exceptions/delivery.exception';
import { fetchPageWithRetry } from './fetch-page-with-retry.util';

describe(fetchPageWithRetry.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A page that is refused `refusals` times with `error`, then answered. */
  function page(refusals: number, error: () => Error): jest.Mock<Promise<string>, []> {
    let calls = 0;
    return jest.fn(() => {
      calls += 1;
      return calls <= refusals ? Promise.reject(error()) : Promise.resolve('page');
    });
  }

  it('waits out the whole limit window before retrying a 429 that carries no Retry-After', async () => {
    const fetch = page(1, () => new DeliveryException('rate_limited', '429', { status: 429 }));
    // No jitter can bring the retry in before the window ends.
    const policy = new RetryPolicy(DEFAULT_LIST_RETRY, () => 1);

    const result = fetchPageWithRetry(policy, fetch, 10_000);
    await jest.advanceTimersByTimeAsync(9_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('page');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps honouring Retry-After, and backs off as usual from transient failures', async () => {
    const limited = page(
      1,
      () => new DeliveryException('rate_limited', '429', { status: 429, retryAfterMs: 2_000 }),
    );
    const policy = new RetryPolicy(DEFAULT_LIST_RETRY, () => 0);
    const first = fetchPageWithRetry(policy, limited, 10_000);
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(first).resolves.toBe('page');

    const flaky = page(1, () => new DeliveryException('transient', '503', { status: 503 }));
    const second = fetchPageWithRetry(policy, flaky, 10_000);
    await jest.advanceTimersByTimeAsync(DEFAULT_LIST_RETRY.initialDelayMs ?? 0);
    await expect(second).resolves.toBe('page');
  });

  it('ends the scan at once on a daily limit or a permanent error', async () => {
    const policy = new RetryPolicy(DEFAULT_LIST_RETRY);
    const daily = page(
      1,
      () => new DeliveryException('rate_limited', 'daily', { status: 429, policy: 'daily' }),
    );
    await expect(fetchPageWithRetry(policy, daily, 10_000)).rejects.toThrow('daily');
    const permanent = page(1, () => new DeliveryException('permanent', 'bad request'));
    await expect(fetchPageWithRetry(policy, permanent, 10_000)).rejects.toThrow('bad request');
    expect(daily).toHaveBeenCalledTimes(1);
    expect(permanent).toHaveBeenCalledTimes(1);
  });
});
