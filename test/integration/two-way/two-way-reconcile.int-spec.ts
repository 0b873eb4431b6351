import { randomUUID } from 'node:crypto';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import { rowOf, runReconciler } from '../reconciler/support/run-reconciler';
import { adminApi } from '../support/admin-api';
import { appCounter } from '../support/app-counter';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startPipeline } from '../support/start-pipeline';
import { testClients } from '../support/test-clients';

// `reconcile crm` on two-way mappings with inbound polling off (a CRM user's edit that nothing
// announced): under `crm_wins` the edit is not overwritten but handed to the inbound side, which
// writes it to Postgres, while an out field's drift in the same record is repaired alone; under
// `postgres_wins` Postgres's value is pushed, as the policy says.

jest.setTimeout(300_000);

const t = testClients('two-way-reconcile');
const tenant = t.tenant('acme');
const adminKey = `admin-${randomUUID()}`;
const apps: AppProcess[] = [];
let api: string;
const admin = adminApi(() => api, adminKey);
const sims: Record<'crmWins' | 'postgresWins', RunningHubSpotSim | undefined> = {
  crmWins: undefined,
  postgresWins: undefined,
};
const destinations: Record<keyof typeof sims, string> = { crmWins: '', postgresWins: '' };
/** Contacts' ids in Postgres (`syncline_id` in HubSpot). */
const ids: string[] = [];
/** Every contact inserted while waiting for the mappings to be in effect. */
const candidates: string[] = [];

const reconcilerEnv = () => t.appEnv({ SYNCLINE_RECONCILE_GRACE_MS: '0' });
const sim = (name: keyof typeof sims) => sims[name] as RunningHubSpotSim;
const crmRecord = (name: keyof typeof sims, id: string) =>
  sim(name)
    .state.records('contacts')
    .find((r) => r.properties.syncline_id === id && !r.archived);
/** HubSpot calls that write records (reads are batch/read and search POSTs). */
const crmWrites = (name: keyof typeof sims, sinceSeq: number) =>
  sim(name)
    .state.calls(sinceSeq)
    .filter(
      (call) =>
        call.path.startsWith('/crm/') &&
        call.method !== 'GET' &&
        !/\/(batch\/read|search)$/.test(call.path),
    );
const lastCall = (name: keyof typeof sims) => sim(name).state.calls().at(-1)?.seq ?? 0;

async function row(id: string) {
  const { rows } = await t.pool.query<{ email: string; first_name: string }>(
    'SELECT email, first_name FROM contacts WHERE tenant_id = $1 AND id = $2',
    [tenant, id],
  );
  return rows[0];
}

async function insertContact(): Promise<string> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, 'Ada', 'Lovelace') RETURNING id`,
    [tenant, `${randomUUID().slice(0, 12)}@example.com`],
  );
  return rows[0].id;
}

beforeAll(async () => {
  for (const name of Object.keys(sims) as (keyof typeof sims)[]) {
    sims[name] = await startHubSpotSim({
      port: 0,
      properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
    });
  }
  // No polling, no webhooks: a CRM user's edit is only found by `reconcile crm`.
  api = await startPipeline(t, adminKey, apps, { SYNCLINE_INBOUND_POLL_MS: '0' });
  expect((await admin(tenant, 'PUT', '', { name: tenant })).status).toBe(200);
  for (const [name, conflictPolicy] of [
    ['crmWins', 'crm_wins'],
    ['postgresWins', 'postgres_wins'],
  ] as const) {
    const created = await admin(tenant, 'POST', '/destinations', {
      name: `HubSpot ${conflictPolicy}`,
      kind: 'hubspot',
      baseUrl: sim(name).url,
      credentials: { accessToken: 'hubspot-private-app-token' },
      rateLimit: { requestsPerInterval: 100, intervalMs: 1000 },
    });
    expect(created.status).toBe(201);
    destinations[name] = (created.body as { id: string }).id;
    const mapping = await admin(tenant, 'PUT', `/mappings/contact/${destinations[name]}`, {
      object: 'contacts',
      identity: { source: 'id', target: 'syncline_id' },
      fields: [
        { source: 'email', target: 'email' },
        { source: 'first_name', target: 'firstname', direction: 'both' },
        { source: 'last_name', target: 'lastname', direction: 'both' },
      ],
      rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
      inbound: { conflictPolicy, deletePolicy: 'ignore' },
    });
    expect(mapping.status).toBe(200);
  }
  // The mappings are in effect once a new contact reaches both CRMs (workers reload every 500 ms).
  ids.push(
    await expectEventually(
      async () => {
        const candidate = await insertContact();
        candidates.push(candidate);
        await expectEventually(
          () => {
            expect(crmRecord('crmWins', candidate)).toBeDefined();
            expect(crmRecord('postgresWins', candidate)).toBeDefined();
          },
          { timeoutMs: 10_000 },
        );
        return candidate;
      },
      { timeoutMs: 90_000 },
    ),
  );
  ids.push(await insertContact());
  candidates.push(ids[1]);
  const everywhere = () =>
    candidates.forEach((id) => {
      expect(crmRecord('crmWins', id)).toBeDefined();
      expect(crmRecord('postgresWins', id)).toBeDefined();
    });
  await expectEventually(() => expect(crmRecord('postgresWins', ids[1])).toBeDefined(), {
    timeoutMs: 60_000,
  });
  await expectEventually(() => expect(crmRecord('crmWins', ids[1])).toBeDefined(), {
    timeoutMs: 60_000,
  });
  // Contacts inserted before both mappings were in effect never went out: a first run brings
  // them in, so the tests start with nothing missing.
  try {
    everywhere();
  } catch {
    expect(
      (await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv())).code,
    ).toBe(0);
    await expectEventually(everywhere, { timeoutMs: 60_000 });
  }
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  for (const running of Object.values(sims)) await running?.close();
  await t.close();
});

describe('reconcile crm on two-way mappings', () => {
  it("under crm_wins hands a CRM user's edit to the inbound side instead of overwriting it, and repairs the out field alone", async () => {
    const [id] = ids;
    const before = await row(id);
    const record = crmRecord('crmWins', id)!;
    // A CRM user renames the contact (both) and changes its email (out: Postgres's to say).
    sim('crmWins').state.editRecord('contacts', record.id, {
      firstname: 'Grace',
      email: 'someone-else@example.com',
    });
    const since = lastCall('crmWins');
    const unchangedBefore = await appCounter(apps[2], 'syncline_delivery_records_total', {
      destination: destinations.crmWins,
      outcome: 'unchanged',
    });

    const run = await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv());

    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ reconcile_status: 'succeeded', reconcile_inbound_total: 1 });
    expect(rowOf(run.report, tenant, 'contact', destinations.crmWins)).toMatchObject({
      stale: 1,
      inbound: 1,
      repaired: 1,
    });
    expect(rowOf(run.report, tenant, 'contact', destinations.postgresWins)).toMatchObject({
      stale: 0,
      inbound: 0,
    });
    // The delivery-worker resolves it by the policy: the CRM's value reaches Postgres (and the
    // other CRM), the email is Postgres's again in the CRM.
    await expectEventually(
      async () => expect(await row(id)).toEqual({ ...before, first_name: 'Grace' }),
      {
        timeoutMs: 60_000,
      },
    );
    await expectEventually(
      () => expect(crmRecord('postgresWins', id)?.properties.firstname).toBe('Grace'),
      { timeoutMs: 60_000 },
    );
    // The row's change came back to this CRM as an echo and was not sent (it holds it already).
    await expectEventually(async () =>
      expect(
        await appCounter(apps[2], 'syncline_delivery_records_total', {
          destination: destinations.crmWins,
          outcome: 'unchanged',
        }),
      ).toBeGreaterThan(unchangedBefore),
    );
    expect(crmRecord('crmWins', id)?.properties).toMatchObject({
      firstname: 'Grace',
      email: before.email,
    });
    // One write to this CRM since the edit: the reconciler's email repair, one record.
    const writes = crmWrites('crmWins', since);
    expect(writes.map((call) => call.items)).toEqual([1]);
  });

  it("under postgres_wins pushes Postgres's value over the CRM user's edit", async () => {
    const id = ids[1];
    const before = await row(id);
    const record = crmRecord('postgresWins', id)!;
    sim('postgresWins').state.editRecord('contacts', record.id, { firstname: 'Edited' });

    const run = await runReconciler(['reconcile', 'crm', '--tenant', tenant], reconcilerEnv());

    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ reconcile_status: 'succeeded', reconcile_inbound_total: 0 });
    expect(rowOf(run.report, tenant, 'contact', destinations.postgresWins)).toMatchObject({
      stale: 1,
      inbound: 0,
      repaired: 1,
    });
    await expectEventually(() =>
      expect(crmRecord('postgresWins', id)?.properties.firstname).toBe(before.first_name),
    );
    expect(await row(id)).toEqual(before);
  });
});
