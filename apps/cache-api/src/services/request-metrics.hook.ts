import { Injectable } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import { CacheApiMetrics } from './cache-api.metrics';

/**
 * Request latency by route template (not raw path: ids would explode the label set), as a Fastify
 * hook rather than a Nest interceptor: it costs no rxjs pipeline per request, times the whole
 * request (body parsing and guards too) and labels the status actually sent, 401/403 included.
 * Requests that match no route share the label `unknown`.
 */
@Injectable()
export class RequestMetricsHook {
  constructor(private readonly metrics: CacheApiMetrics) {}

  /** Call before the app is initialised, so the hook sees every route. */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.requestSeconds.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unknown',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
