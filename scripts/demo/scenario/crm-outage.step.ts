import type { DeliveryLogEntry } from '@syncline/control-plane';
import { waitFor } from '../../support/wait-for';
import { DemoFailure, expectThat } from '../output/demo-failure';
import { sumSamples } from '../../support/prometheus-text';
import type { DemoRecord } from '../observe/record-hops';
import { recordNamed, type DemoContext } from './demo-context';
import { showArrived } from './show-record';

/** Where the outage began in the HubSpot sim's call log, and the records changed during it. */
export interface Outage {
  sinceSeq: number;
  records: DemoRecord[];
}

/**
 * HubSpot answers every call with 503. Changes keep coming: Salesforce gets them at once
 * (isolation), HubSpot deliveries fail, are retried with backoff and logged as failed; nothing is
 * committed past them, so nothing is lost.
 */
export async function crmOutage(context: DemoContext): Promise<Outage> {
  const { printer, hubspot, writer, tenants } = context;
  const { acme } = tenants;
  printer.step('HubSpot outage: every call answers 503');
  const sinceSeq = Math.max(0, ...(await hubspot.calls()).map((call) => call.seq));
  await hubspot.setFaults({ errorRate: 1, errorStatus: 503 });
  printer.act('POST /__sim/faults {"errorRate": 1, "errorStatus": 503} to the HubSpot sim');

  const ada = recordNamed(context, 'Ada Lovelace');
  await writer.update('contacts', ada.tenant, ada.id, { first_name: 'Augusta Ada' });
  const { id } = await writer.insert('contacts', acme.id, {
    email: `margaret@${acme.id}.example`,
    first_name: 'Margaret',
    last_name: 'Hamilton',
    custom_fields: { plan: 'pro' },
  });
  const margaret: DemoRecord = {
    label: 'Margaret Hamilton',
    tenant: acme.id,
    entity: 'contact',
    id,
  };
  context.records.push(margaret);
  printer.act(`UPDATE Ada's first_name = 'Augusta Ada'; INSERT contact Margaret Hamilton`);

  const hubspotDestination = acme.destinations.hubspot?.id ?? '';
  // Signals: a batch failed its in-batch retries (delivery log: failed), then the circuit breaker
  // opened and holds the destination's queue (nothing is committed past the held batch).
  const metrics = await waitFor(
    'a failed HubSpot delivery and the circuit breaker open',
    async () => {
      const failed = await context.admin.deliveries(acme.id, hubspotDestination, {
        status: 'failed',
      });
      if (!failed.some((entry) => [ada.id, margaret.id].includes(entry.recordId))) return;
      const text = await deliveryMetrics(context);
      const held = sumSamples(text, 'syncline_delivery_throttled_total', {
        destination: hubspotDestination,
        reason: 'circuit',
      });
      return held > 0 ? text : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  ).catch((error: unknown) => {
    throw new DemoFailure(`HubSpot failures were not retried and held back: ${String(error)}`);
  });
  for (const record of [ada, margaret]) {
    const [entry] = await context.admin.deliveries(acme.id, hubspotDestination, {
      recordId: record.id,
    });
    printer.see(
      'delivery log',
      !entry
        ? `${record.label}: not delivered yet, waits in the held queue`
        : entry.status === 'delivered'
          ? `${record.label}: v${entry.version} delivered before; the new version waits in the held queue`
          : describeEntry(context, entry),
    );
  }
  const count = (name: string, labels: Record<string, string>) =>
    sumSamples(metrics, name, { destination: hubspotDestination, ...labels });
  printer.see(
    'metrics',
    `calls_total{result="transient"} ${count('syncline_delivery_calls_total', { result: 'transient' })}, ` +
      `records_total{outcome="retried"} ${count('syncline_delivery_records_total', { outcome: 'retried' })}, ` +
      `throttled_total{reason="circuit"} ${count('syncline_delivery_throttled_total', { reason: 'circuit' })}`,
  );
  const rejected = (await hubspot.calls(sinceSeq)).filter((call) => call.status === 503);
  expectThat(rejected.length > 0, 'the HubSpot sim to have answered 503');
  printer.see('hubspot', `${rejected.length} calls answered 503; the circuit is open`);

  // Not lost: in Redis at their new versions, already in Salesforce, held back for HubSpot.
  for (const record of [ada, margaret]) {
    const states = await waitFor(`${record.label} in Salesforce`, async () => {
      const states = await context.hops.states(record);
      const problems = context.hops.disagreements(record, states);
      return problems.every((problem) => problem.startsWith('HubSpot')) ? states : undefined;
    });
    const described = context.hops.describe(record, states);
    printer.see(
      record.label,
      `Redis ${described.redis} | Salesforce ${described.salesforce} | HubSpot ${described.hubspot}`,
    );
  }
  return { sinceSeq, records: [ada, margaret] };
}

/** Faults cleared: the held-back deliveries go out on the next attempt. */
export async function crmRecovery(context: DemoContext, outage: Outage): Promise<void> {
  const { printer, hubspot, tenants } = context;
  printer.step('HubSpot recovers: the backlog is delivered');
  const clearedAt = Date.now();
  await hubspot.clearFaults();
  printer.act('DELETE /__sim/faults');
  for (const record of outage.records) {
    showArrived(context, record, await context.hops.waitUntilAgree(record), clearedAt);
  }
  const calls = await hubspot.calls(outage.sinceSeq);
  const byStatus = new Map<number, number>();
  for (const call of calls) byStatus.set(call.status, (byStatus.get(call.status) ?? 0) + 1);
  printer.see(
    'hubspot',
    `calls since the outage began by status: ${[...byStatus].map(([status, count]) => `${status}: ${count}`).join(', ')}`,
  );
  const destination = tenants.acme.destinations.hubspot?.id ?? '';
  for (const record of outage.records) {
    const [entry] = await context.admin.deliveries(tenants.acme.id, destination, {
      recordId: record.id,
    });
    expectThat(entry?.status === 'delivered', `${record.label}'s delivery to be logged delivered`);
    printer.see('delivery log', describeEntry(context, entry));
  }
}

function describeEntry(context: DemoContext, entry: DeliveryLogEntry): string {
  const label = context.records.find((record) => record.id === entry.recordId)?.label;
  const what = `${label ?? entry.recordId} v${entry.version}: ${entry.status}`;
  return entry.status === 'delivered'
    ? what
    : `${what} after ${entry.attempts} attempts (${entry.errorClass}: ${entry.error})`;
}

async function deliveryMetrics(context: DemoContext): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${context.ports.deliveryWorkerOps}/metrics`);
  return response.text();
}
