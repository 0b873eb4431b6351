import { sleep } from './sleep.util';

/**
 * Polls `probe` until it returns a value other than undefined (tests wait on signals such as
 * a delivery in the log, not on fixed sleeps); fails after `timeoutMs`.
 */
export async function waitUntil<T>(
  probe: () => T | undefined,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
