const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * True for failures where no HTTP response arrived: node-fetch's `FetchError` (HubSpot client,
 * jsforce), undici's `TypeError: fetch failed` with a socket-level cause (Node's fetch), or a raw
 * socket error code. Checked by shape, not `instanceof`: errors raised inside Node's fetch come
 * from another realm under test runners.
 */
export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as ErrorLike;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (e.name === 'FetchError' && e.type === 'system') return true;
    if (
      typeof e.message === 'string' &&
      /socket hang up|network socket disconnected/i.test(e.message)
    ) {
      return true;
    }
    // Happy-eyeballs connects fail with an AggregateError of per-address errors.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isNetworkError(inner))) return true;
    current = e.cause;
  }
  return false;
}
