import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the ingress passed on, as it came (to replay it byte for byte) and as it was answered. */
export interface ForwardedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** Hop-by-hop and length headers: the forwarding fetch sets its own. */
const DROPPED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
]);

/**
 * The public entry of an inbound webhook endpoint (an ingress in front of the cache-api): what a
 * CRM calls and signs for (SYNCLINE_PUBLIC_URL). Forwards each POST to `target()` and keeps it;
 * while `failing`, answers 503 without forwarding, as an ingress with no ready backend does.
 */
export class WebhookIngress {
  readonly forwarded: ForwardedRequest[] = [];
  failing = false;
  /** 503s answered while failing. */
  refused = 0;
  private server?: Server;
  private port = 0;

  private constructor(private readonly target: () => string) {}

  static async start(target: () => string): Promise<WebhookIngress> {
    const ingress = new WebhookIngress(target);
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        ingress
          .handle(request.url ?? '/', request.method ?? 'POST', request.headers, chunks)
          .then(({ status, body }) => {
            response.statusCode = status;
            response.setHeader('content-type', 'application/json');
            response.end(body);
          })
          .catch((error: unknown) => {
            response.statusCode = 502;
            response.end(JSON.stringify({ error: String(error) }));
          });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    ingress.port = (server.address() as AddressInfo).port;
    ingress.server = server;
    return ingress;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends a kept request again, unchanged (signature and timestamp included): a replay. */
  async replay(request: ForwardedRequest): Promise<number> {
    const response = await fetch(`${this.url}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(
    path: string,
    method: string,
    incoming: IncomingHttpHeaders,
    chunks: Buffer[],
  ): Promise<{ status: number; body: string }> {
    if (this.failing) {
      this.refused += 1;
      return { status: 503, body: JSON.stringify({ error: 'no backend ready' }) };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming)) {
      if (value !== undefined && !DROPPED.has(name))
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const response = await fetch(`${this.target()}${path}`, { method, headers, body });
    const answer = await response.text();
    this.forwarded.push({ path, headers, body, status: response.status });
    return { status: response.status, body: answer };
  }
}
