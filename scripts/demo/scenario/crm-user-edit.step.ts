import { waitFor } from '../../support/wait-for';
import { expectThat } from '../output/demo-failure';
import { recordNamed, type DemoContext } from './demo-context';
import { showHops } from './show-record';

/**
 * Two-way sync: a HubSpot user renames a contact in HubSpot itself. The delivery-worker's poll
 * reads it back, writes it to Postgres through the write path (so the cache has it at once), CDC
 * carries it on to Salesforce, and HubSpot gets no call for it: it already holds the value.
 */
export async function crmUserEdit(context: DemoContext): Promise<void> {
  const { printer, hubspot, ports } = context;
  printer.step('A HubSpot user edits a contact (two-way sync)');
  const ada = recordNamed(context, 'Ada Lovelace');
  const mapping = context.hops.mappingsOf(ada).hubspot;
  expectThat(mapping !== undefined, 'the contact mapping to HubSpot to exist');
  const held = await hubspot.find(mapping.object, mapping.identity.target, ada.id);
  expectThat(held !== undefined && !held.deleted, `HubSpot to hold Ada (${ada.id})`);
  const calls = await hubspot.calls();
  const since = calls[calls.length - 1]?.seq ?? 0;
  const unchanged = () => deliveryCounter(ports.deliveryWorkerOps, 'unchanged');
  const unchangedBefore = await unchanged();

  await hubspot.editAsUser(mapping.object, held.id, { firstname: 'Augusta' });
  printer.act(`a HubSpot user sets Ada's firstname = 'Augusta' in HubSpot (not through Syncline)`);

  const states = await context.hops.waitUntilAgree(ada);
  expectThat(
    states.postgres?.first_name === 'Augusta',
    `Postgres to have first_name 'Augusta', got ${String(states.postgres?.first_name)}`,
  );
  await showHops(context, ada, states);
  // HubSpot's queue has taken the change: as unchanged, or as a call, which must not happen.
  await waitFor(
    "HubSpot's delivery queue to take the change",
    async () =>
      (await unchanged()) > unchangedBefore || (await writesSince(context, since)) > 0
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  const echoes = await writesSince(context, since);
  expectThat(echoes === 0, `HubSpot to get no echo of its own change, got ${echoes} write calls`);
  printer.see('crm', 'HubSpot got no call for it (call log): the change came from there');
}

async function writesSince({ hubspot }: DemoContext, since: number): Promise<number> {
  return (await hubspot.calls(since)).filter(
    (call) => call.method !== 'GET' && !call.path.endsWith('/search'),
  ).length;
}

/** The delivery-worker's records counter for one outcome, over every destination. */
async function deliveryCounter(opsPort: number, outcome: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('syncline_delivery_records_total{'))
    .filter((line) => line.includes(`outcome="${outcome}"`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
