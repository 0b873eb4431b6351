import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedRequest } from '../types/received-request.type';

type Answer = number | { status: number; headers: Record<string, string> };

/**
 * An HTTP server on a free loopback port that records every request and answers with the
 * status (and headers) `respond` picks (tests of webhook delivery). `respond` may return a
 * promise to stall.
 */
export async function startTestReceiver(
  respond: (request: ReceivedRequest, index: number) => Answer | Promise<Answer> = () => 204,
): Promise<{
  url: string;
  received: ReceivedRequest[];
  setResponder(next: typeof respond): void;
  close(): Promise<void>;
}> {
  const received: ReceivedRequest[] = [];
  let responder = respond;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const answer = (reply: Answer): void => {
        if (res.destroyed) return;
        if (typeof reply === 'number') res.writeHead(reply).end();
        else res.writeHead(reply.status, reply.headers).end();
      };
      Promise.resolve(responder(request, received.length - 1)).then(answer, () => answer(500));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hubspot/webhooks`,
    received,
    setResponder: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
