import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReconcileReport } from '../types/reconcile-report.type';
import { ReconcileMetrics } from './reconcile-metrics';

const report: ReconcileReport = {
  kind: 'cache',
  dryRun: false,
  scope: { tenant: 'acme' },
  status: 'partial',
  startedAt: '2026-01-01T02:17:00.000Z',
  finishedAt: '2026-01-01T02:17:10.000Z',
  durationMs: 10_000,
  rowsPerSecond: 150_000,
  totals: {
    compared: 1_500_000,
    missing: 3,
    stale: 2,
    differing: 0,
    orphan: 1,
    repaired: 6,
    errors: 1,
    inFlight: 4,
    inbound: 0,
  },
  rows: [
    {
      tenant: 'acme',
      entity: 'contact',
      compared: 1_500_000,
      missing: 3,
      stale: 2,
      differing: 0,
      orphan: 1,
      repaired: 6,
      errors: 1,
      inFlight: 4,
      inbound: 0,
      durationMs: 9000,
    },
  ],
  errors: [],
  errorCount: 1,
};

describe(ReconcileMetrics.name, () => {
  it('flattens a run into log fields an alert can match on', () => {
    expect(new ReconcileMetrics().logFields(report)).toEqual({
      reconcile_kind: 'cache',
      reconcile_status: 'partial',
      reconcile_status_code: 1,
      reconcile_duration_seconds: 10,
      reconcile_rows_per_second: 150_000,
      reconcile_compared_total: 1_500_000,
      reconcile_missing_total: 3,
      reconcile_stale_total: 2,
      reconcile_differing_total: 0,
      reconcile_orphan_total: 1,
      reconcile_repaired_total: 6,
      reconcile_errors_total: 1,
      reconcile_in_flight_total: 4,
      reconcile_inbound_total: 0,
    });
  });

  it('pushes the text exposition to a Pushgateway with PUT, grouped by job and kind', async () => {
    const received: { method?: string; url?: string; type?: string; body: string }[] = [];
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({
          method: request.method,
          url: request.url,
          type: request.headers['content-type'],
          body,
        });
        response.writeHead(received.length === 1 ? 200 : 500).end('boom');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const metrics = new ReconcileMetrics();
      metrics.record(report);
      await metrics.pushTo(url, 'cache');
      expect(received[0]).toMatchObject({
        method: 'PUT',
        url: '/metrics/job/syncline_reconciler/kind/cache',
        type: expect.stringContaining('text/plain'),
      });
      expect(received[0].body).toContain(
        'syncline_reconcile_rows{kind="cache",tenant="acme",entity="contact",destination="",outcome="missing"} 3',
      );
      expect(received[0].body).toContain('syncline_reconcile_status{kind="cache"} 1');
      expect(received[0].body).not.toContain('process_cpu'); // only the run's figures
      await expect(metrics.pushTo(url, 'cache')).rejects.toThrow(/pushgateway answered 500/);
    } finally {
      server.close();
    }
  });
});
