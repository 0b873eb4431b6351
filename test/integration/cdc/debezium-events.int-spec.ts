import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { expectEventually } from '../support/expect-eventually';
import { stackEnv } from '../support/stack-env';
import { ReadMessage, TopicReader } from '../support/topic-reader';

interface DebeziumEnvelope {
  op: 'c' | 'u' | 'd' | 'r' | 't';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: { lsn: number; table: string; snapshot: string };
}

const env = stackEnv();
const brokers = env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = env.SYNCLINE_TOPIC_PREFIX;
const connectUrl = env.SYNCLINE_CONNECT_URL;

const pool = new Pool({
  host: env.SYNCLINE_PG_HOST,
  port: Number(env.SYNCLINE_PG_PORT),
  database: env.SYNCLINE_PG_DATABASE,
  user: env.SYNCLINE_PG_USER,
  password: env.SYNCLINE_PG_PASSWORD,
});

const tenant = `t-${randomUUID().slice(0, 8)}`;
const envelope = (message: ReadMessage) => message.value as DebeziumEnvelope;
const keyId = (message: ReadMessage) => (message.key as { id?: string } | null)?.id;

async function insertContact(email: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name, last_name, notes, custom_fields)
     VALUES ($1, $2, 'Ada', 'Lovelace', $3, '{"tier":"gold"}') RETURNING id`,
    [tenant, email, 'n'.repeat(10_000)],
  );
  return rows[0].id;
}

afterAll(async () => {
  await pool.end();
});

describe('Debezium change events on Kafka', () => {
  let reader: TopicReader;

  beforeAll(async () => {
    reader = await TopicReader.start(brokers, [`${prefix}.public.contacts`]);
  });
  afterAll(async () => {
    await reader.stop();
  });

  it('carries an insert, an update and a delete with before/after, the LSN and the version, then a tombstone', async () => {
    const id = await insertContact(`ada-${randomUUID()}@example.com`);
    await pool.query(
      `UPDATE contacts SET first_name = 'Augusta' WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    await pool.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenant, id]);

    const events = await reader.waitFor((m) => keyId(m) === id, 4);
    expect(events.map((m) => (m.value === null ? 'tombstone' : envelope(m).op))).toEqual([
      'c',
      'u',
      'd',
      'tombstone',
    ]);
    expect(events[0].key).toEqual({ tenant_id: tenant, id });
    // One key, one partition: the order above is the order the worker will see.
    expect(new Set(events.map((m) => m.partition)).size).toBe(1);

    const [created, updated, deleted] = events.map(envelope);
    expect(created.before).toBeNull();
    expect(created.after).toMatchObject({ id, tenant_id: tenant, first_name: 'Ada' });
    expect(updated.before).toMatchObject({ first_name: 'Ada', version: created.after?.version });
    expect(updated.after).toMatchObject({ first_name: 'Augusta' });
    // The trigger raised the version on the update; the delete carries the last one.
    expect(updated.after?.version).toBeGreaterThan(created.after?.version as number);
    expect(deleted.before).toMatchObject({ id, version: updated.after?.version });
    expect(deleted.after).toBeNull();

    // LSNs rise with commit order; jsonb arrives as a JSON string, as the worker expects.
    expect(created.source.lsn).toBeLessThan(updated.source.lsn);
    expect(updated.source.lsn).toBeLessThan(deleted.source.lsn);
    expect(JSON.parse(created.after?.custom_fields as string)).toEqual({ tier: 'gold' });
    expect(created.source.table).toBe('contacts');
  });

  it('keys every event of a table by its primary key (tenant_id, id)', async () => {
    const id = await insertContact(`key-${randomUUID()}@example.com`);
    const [event] = await reader.waitFor((m) => keyId(m) === id);
    expect(Object.keys(event.key as object).sort()).toEqual(['id', 'tenant_id']);
  });
});

describe('Debezium snapshot', () => {
  // A second connector, started after the row exists with an initial snapshot, must deliver it as
  // a snapshot read ('r'), the form the sync-worker also gets from incremental snapshots.
  // It is built from the same debezium/ file the stack uses, with its own slot and topic prefix.
  const name = `snapshot-test-${randomUUID().slice(0, 8)}`;
  const slot = name.replace(/-/g, '_');
  let reader: TopicReader | undefined;

  afterAll(async () => {
    await reader?.stop();
    await fetch(`${connectUrl}/connectors/${name}`, { method: 'DELETE' });
    // The slot stays active until the task has stopped; drop it (as the replication role) once free.
    const cdc = new Pool({
      ...pool.options,
      user: env.SYNCLINE_CDC_ROLE,
      password: env.SYNCLINE_CDC_PASSWORD,
    });
    await expectEventually(
      () =>
        cdc.query(
          'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
          [slot],
        ),
      { timeoutMs: 30_000, intervalMs: 500 },
    ).finally(() => cdc.end());
  });

  it('reads rows that existed before the connector started as op "r"', async () => {
    const id = await insertContact(`snap-${randomUUID()}@example.com`);
    const file = JSON.parse(
      readFileSync(join(__dirname, '../../../debezium/postgres-connector.json'), 'utf8'),
    ) as {
      config: Record<string, string>;
    };
    // The stack's connector snapshots nothing at start (tables are backfilled by incremental
    // snapshots, `syncctl collections add`): this one takes the initial snapshot of one table.
    const config = {
      ...file.config,
      'topic.prefix': slot,
      'slot.name': slot,
      'snapshot.mode': 'initial',
      'table.include.list': 'public.contacts',
    };
    const response = await fetch(`${connectUrl}/connectors/${name}/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(config),
    });
    expect(response.status).toBe(201);

    reader = await TopicReader.start(brokers, [`${slot}.public.contacts`]);
    const [event] = await reader.waitFor((m) => keyId(m) === id, 1, 90_000);
    expect(envelope(event).op).toBe('r');
    expect(envelope(event).before).toBeNull();
    expect(envelope(event).after).toMatchObject({
      id,
      tenant_id: tenant,
      version: expect.any(Number) as unknown,
    });
    expect(envelope(event).source.snapshot).not.toBe('false');
  });
});
