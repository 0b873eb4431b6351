import { FastifyRequest } from 'fastify';
import { WEBHOOK_PATH_PREFIX } from '../constants/webhook-path-prefix.constant';

// Kept beside the request rather than on it: no type augmentation of Fastify's request.
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** Keeps the body bytes of a webhook request for its signature check; other requests keep none. */
export function keepRawBody(request: FastifyRequest, body: Buffer): void {
  // Routes match case-insensitively (createHttpAdapter), so the prefix does too.
  if (request.url.slice(0, WEBHOOK_PATH_PREFIX.length).toLowerCase() === WEBHOOK_PATH_PREFIX)
    rawBodies.set(request, body);
}

/** The body exactly as received (empty when there was none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return rawBodies.get(request) ?? Buffer.alloc(0);
}
