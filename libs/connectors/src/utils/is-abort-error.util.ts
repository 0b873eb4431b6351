/** True when a request was aborted (by a deadline's signal or a client's own timeout). */
export function isAbortError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'AbortError' || name === 'TimeoutError' || message === 'Request Timeout';
}
