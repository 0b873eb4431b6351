import { FastifyRequest } from 'fastify';

/**
 * The URL the sender called, as it signed it: `publicUrl` (SYNCLINE_PUBLIC_URL: behind an ingress
 * this process sees another host, scheme or path prefix) followed by the path and query as
 * received; without it, the request's own scheme (X-Forwarded-Proto first) and Host header.
 */
export function webhookSignedUrl(
  request: Pick<FastifyRequest, 'url' | 'headers' | 'protocol'>,
  publicUrl: string,
): string {
  if (publicUrl !== '') return `${publicUrl}${request.url}`;
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return `${proto || request.protocol}://${request.headers.host ?? ''}${request.url}`;
}
