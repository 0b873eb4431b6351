import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

/** One alert of an Alertmanager webhook notification (payload version 4). */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

/** What Alertmanager POSTs to a webhook receiver. */
export interface AlertNotification {
  version: string;
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: NotifiedAlert[];
}

/**
 * A local webhook receiver for Alertmanager: listens on the host and port of `url` (the stack's
 * SYNCLINE_ALERT_WEBHOOK_URL, where its Alertmanager sends everything) and keeps every notification.
 */
export class AlertReceiver {
  readonly notifications: AlertNotification[] = [];

  private readonly server: Server;

  private constructor(private readonly path: string) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  }

  static async start(url: string): Promise<AlertReceiver> {
    const { hostname, port, pathname } = new URL(url);
    const receiver = new AlertReceiver(pathname);
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(Number(port), hostname, () => resolve());
    });
    return receiver;
  }

  /** Alerts received so far that match `labels`, in the state asked for. */
  alerts(status: NotifiedAlert['status'], labels: Record<string, string>): NotifiedAlert[] {
    return this.notifications
      .flatMap((notification) => notification.alerts)
      .filter(
        (alert) =>
          alert.status === status &&
          Object.entries(labels).every(([key, value]) => alert.labels[key] === value),
      );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url !== this.path) {
      response.statusCode = 404;
      response.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.notifications.push(
      JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertNotification,
    );
    response.statusCode = 200;
    response.end();
  }
}
