import { DeliveryLogRepository, type DeliveryLogEntry } from '@syncline/control-plane';
import { buildDataSourceOptions } from '@syncline/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testClients } from '../support/test-clients';

// The delivery log is what an operator reads (GET .../deliveries): its attempt counts must say how
// many tries the current outcome took, on the real schema.
const t = testClients('delivery-log');
const tenant = t.tenant('acme');
let dataSource: DataSource;
let log: DeliveryLogRepository;
let destinationId: string;

const entry = (recordId: string, patch: Partial<DeliveryLogEntry>): DeliveryLogEntry => ({
  destinationId,
  tenant,
  entity: 'contact',
  recordId,
  version: 1,
  operation: 'upsert',
  status: 'delivered',
  attempts: 1,
  ...patch,
});

async function attemptsOf(recordId: string): Promise<{ status: string; attempts: number }> {
  const [row] = await log.query({ destinationId, recordId });
  return { status: row?.status ?? 'missing', attempts: row?.attempts ?? -1 };
}

beforeAll(async () => {
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  log = new DeliveryLogRepository(dataSource);
  await t.pool.query(`INSERT INTO syncline.tenants (id, name) VALUES ($1, $1)`, [tenant]);
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO syncline.destinations (tenant_id, name, kind, base_url, credentials_encrypted, rate_limit)
     VALUES ($1, 'HubSpot', 'hubspot', 'http://127.0.0.1:1', 'x', '{}') RETURNING id`,
    [tenant],
  );
  destinationId = rows[0].id;
});

afterAll(async () => {
  await t.pool.query(`DELETE FROM syncline.destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM syncline.tenants WHERE id = $1`, [tenant]);
  await dataSource.destroy();
  await t.close();
});

describe(DeliveryLogRepository.name, () => {
  it('counts failed attempts up until a success, which resets the count', async () => {
    const id = randomUUID();
    await log.record([entry(id, { status: 'failed', attempts: 3, errorClass: 'transient' })]);
    await log.record([entry(id, { status: 'failed', attempts: 2, errorClass: 'transient' })]);
    expect(await attemptsOf(id)).toEqual({ status: 'failed', attempts: 5 });
    await log.record([entry(id, { status: 'delivered', attempts: 1 })]);
    expect(await attemptsOf(id)).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('starts a new count for failures after a success instead of adding to the delivered one', async () => {
    const id = randomUUID();
    await log.record([entry(id, { status: 'delivered', attempts: 2 })]);
    await log.record([
      entry(id, { version: 2, status: 'failed', attempts: 3, errorClass: 'transient' }),
    ]);
    expect(await attemptsOf(id)).toEqual({ status: 'failed', attempts: 3 });
  });
});
