import 'reflect-metadata';
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { performance } from 'node:perf_hooks';
import { startHubSpotSim, startSalesforceSim } from '../src';

/**
 * Upsert throughput of the sims through the official clients, on loopback, limits lifted.
 * Usage: ts-node apps/crm-sim/bench/run-crm-sim-bench.ts [items=20000] [concurrency=4]
 * Each item is upserted twice (create pass, update pass) so the index path is exercised.
 */
async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 20_000);
  const concurrency = Number(process.argv[3] ?? 4);
  console.log(`crm-sim bench: ${items} items x 2 passes, concurrency ${concurrency}`);
  await benchHubSpot(items, concurrency);
  await benchSalesforce(items, concurrency);
}

async function benchHubSpot(items: number, concurrency: number): Promise<void> {
  const sim = await startHubSpotSim({
    limits: { daily: 1e9, tenSecondly: 1e9, searchPerSecond: 1e9 },
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  const client = new Client({ accessToken: 'bench', basePath: sim.url });
  const batches = chunk(items, 100).map((ids) => ({
    inputs: ids.map((i) => ({
      idProperty: 'syncline_id',
      id: `b-${i}`,
      properties: { email: `b${i}@example.com`, firstname: `First ${i}`, lastname: `Last ${i}` },
    })),
  }));
  for (const pass of ['create', 'update']) {
    const ms = await timed(batches, concurrency, (b) => client.crm.contacts.batchApi.upsert(b));
    report('HubSpot batch/upsert (100/call)', pass, items, ms);
  }
  if (sim.state.records('contacts').length !== items)
    throw new Error('HubSpot record count mismatch');
  await sim.close();
}

async function benchSalesforce(items: number, concurrency: number): Promise<void> {
  const sim = await startSalesforceSim({ limits: { dailyApiRequests: 1e9 } });
  const conn = new Connection({ instanceUrl: sim.url, accessToken: sim.state.issueToken() });
  const batches = chunk(items, 200).map((ids) =>
    ids.map((i) => ({
      Syncline_Id__c: `b-${i}`,
      LastName: `Last ${i}`,
      Email: `b${i}@example.com`,
    })),
  );
  for (const pass of ['create', 'update']) {
    const ms = await timed(batches, concurrency, (b) =>
      conn.sobject('Contact').upsert(b, 'Syncline_Id__c'),
    );
    report('Salesforce composite upsert (200/call)', pass, items, ms);
  }
  if ((sim.state.records('Contact') ?? []).length !== items)
    throw new Error('Salesforce record count mismatch');
  await sim.close();
}

function chunk(items: number, size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < items; i += size) {
    out.push(Array.from({ length: Math.min(size, items - i) }, (_, k) => i + k));
  }
  return out;
}

async function timed<T>(
  work: T[],
  concurrency: number,
  run: (item: T) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const item = work[next];
        next += 1;
        await run(item);
      }
    }),
  );
  return performance.now() - started;
}

function report(name: string, pass: string, items: number, ms: number): void {
  const rate = Math.round((items / ms) * 1000);
  console.log(
    `${name.padEnd(40)} ${pass.padEnd(6)} ${items} items in ${Math.round(ms)} ms = ${rate} items/s`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
