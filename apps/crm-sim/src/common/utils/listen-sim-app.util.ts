import type { DynamicModule, NestMiddleware, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { SimCallLogMiddleware } from '../middleware/sim-call-log.middleware';
import { SimFaultMiddleware } from '../middleware/sim-fault.middleware';
import { SimLatencyMiddleware } from '../middleware/sim-latency.middleware';
import type { RunningSim } from '../types/running-sim.type';
import type { SimListenOptions } from '../types/sim-listen-options.type';
import type { SimNext } from '../types/sim-next.type';
import type { SimRequest } from '../types/sim-request.type';
import type { SimResponse } from '../types/sim-response.type';

/**
 * Creates a sim's Nest app and listens. The request pipeline is mounted by hand, in this order,
 * ahead of body parsing and routing: call log, fault gate, the vendor's own middleware (auth,
 * limits), then injected latency. Running before the body parser lets the log see malformed calls and lets
 * outages and 429s answer without reading a body, as a real edge would.
 */
export async function listenSimApp<State>(
  module: DynamicModule,
  listen: SimListenOptions,
  vendorMiddleware: Type<NestMiddleware<SimRequest, SimResponse>>[],
  stateType: Type<State>,
): Promise<RunningSim<State>> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: listen.logger ?? false,
    bodyParser: false,
    // Official clients keep connections alive; close() must not wait for them to idle out.
    forceCloseConnections: true,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  for (const type of [
    SimCallLogMiddleware,
    SimFaultMiddleware,
    ...vendorMiddleware,
    SimLatencyMiddleware,
  ]) {
    const middleware: NestMiddleware<SimRequest, SimResponse> = app.get(type);
    app.use((req: SimRequest, res: SimResponse, next: SimNext): void => {
      void middleware.use(req, res, next);
    });
  }
  app.useBodyParser('json', { limit: listen.bodyLimit ?? '50mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });

  const host = listen.host ?? '127.0.0.1';
  await app.listen(listen.port ?? 0, host);
  const server = app.getHttpServer() as { address(): AddressInfo | string | null };
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (listen.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`,
    port,
    state: app.get(stateType),
    close: () => app.close(),
  };
}
