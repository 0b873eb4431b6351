/**
 * Polls `probe` until it returns a value (not undefined) or the deadline passes; probe errors count
 * as "not yet". The one wait loop of the scripts (demo, load test, benchmarks).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 60_000, intervalMs = 100, hint = '' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}${hint}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
