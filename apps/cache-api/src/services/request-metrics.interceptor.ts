import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { CacheApiMetrics } from './cache-api.metrics';

/** Request latency by route template (not raw path: ids would explode the label set). */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: CacheApiMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const stop = this.metrics.requestSeconds.startTimer({ method: request.method });
    const route = (request.route as { path?: string } | undefined)?.path ?? 'unknown';
    const observe = (status: number) => stop({ route, status: String(status) });
    return next.handle().pipe(
      tap({
        next: () => observe(http.getResponse<Response>().statusCode),
        error: (error: { getStatus?: () => number }) => observe(error.getStatus?.() ?? 500),
      }),
    );
  }
}
