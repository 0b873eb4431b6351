import { IncomingHttpHeaders } from 'node:http';

const NO_CACHE = /(?:^|,)\s*?no-cache\s*?(?:,|$)/;

/**
 * Whether a GET may be answered 304: `If-None-Match` names `etag` (weakly compared) or is `*`.
 * The same rules as Express's `req.fresh` for a response without Last-Modified, which is what
 * clients got before: `Cache-Control: no-cache` or any `If-Modified-Since` means a full answer.
 */
export function isNotModified(headers: IncomingHttpHeaders, etag: string): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (!ifNoneMatch || headers['if-modified-since']) return false;
  const cacheControl = headers['cache-control'];
  if (cacheControl && NO_CACHE.test(cacheControl)) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const weak = `W/${etag}`;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === etag || tag === weak;
  });
}
