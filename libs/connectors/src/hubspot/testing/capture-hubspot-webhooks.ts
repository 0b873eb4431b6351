import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import { startHubSpotSim } from '../../../../../apps/crm-sim/src';
import type { RunningHubSpotSim } from '../../../../../apps/crm-sim/src';

export interface CapturedWebhook {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export const WEBHOOK_APP_ID = 4242;
export const WEBHOOK_PORTAL_ID = 777;
export const WEBHOOK_SECRET = 'app-client-secret';

/**
 * Test-only: a HubSpot sim that signs its webhook deliveries with `WEBHOOK_SECRET`, and a
 * loopback receiver (its target URL carries an escaped query, as a real one may) that records
 * them. `subscribe` sets the app's target URL and subscriptions through the official client.
 */
export async function captureHubSpotWebhooks(): Promise<{
  sim: RunningHubSpotSim;
  targetUrl: string;
  received: CapturedWebhook[];
  subscribe(subscriptions: { eventType: string; propertyName?: string }[]): Promise<void>;
  delivered(): Promise<void>;
  close(): Promise<void>;
}> {
  const received: CapturedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const targetUrl = `http://127.0.0.1:${port}/hooks/hubspot?tenant=acme%3Aeu`;
  const sim = await startHubSpotSim({
    limits: { tenSecondly: 100_000, searchPerSecond: 10_000 },
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    webhooks: {
      appId: WEBHOOK_APP_ID,
      portalId: WEBHOOK_PORTAL_ID,
      clientSecret: WEBHOOK_SECRET,
      developerApiKeys: ['dev-key'],
      retryTimeScale: 0.00001,
    },
  });
  const developer = new Client({ developerApiKey: 'dev-key', basePath: sim.url });
  return {
    sim,
    targetUrl,
    received,
    subscribe: async (subscriptions) => {
      await developer.webhooks.settingsApi.configure(WEBHOOK_APP_ID, {
        targetUrl,
        throttling: { maxConcurrentRequests: 5 },
      });
      for (const subscription of subscriptions) {
        await developer.webhooks.subscriptionsApi.create(WEBHOOK_APP_ID, {
          ...subscription,
          eventType: subscription.eventType as never,
          active: true,
        });
      }
    },
    // Waits on the sim's own queue (not a sleep): every event delivered or given up.
    delivered: async () => {
      while (sim.state.pendingWebhookEvents() > 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      await sim.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
