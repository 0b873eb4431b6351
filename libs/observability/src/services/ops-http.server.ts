import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/**
 * The only HTTP a worker serves: `/metrics` for Prometheus, `/health/live` and `/health/ready`
 * for Kubernetes probes. Plain node:http, so a worker needs no web framework.
 */
export class OpsHttpServer {
  private server?: Server;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly health: HealthService,
  ) {}

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((request, response) => {
      // A failing check or render answers 500; it must never become an unhandled rejection.
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: String(error) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, resolve);
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      const { contentType, body } = await this.metrics.render();
      response.writeHead(200, { 'content-type': contentType }).end(body);
    } else if (path === '/health/live' || path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/health/ready') {
      const report = await this.health.readiness();
      response
        .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(report));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  }
}
