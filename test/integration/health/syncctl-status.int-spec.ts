import { randomBytes, randomUUID } from 'node:crypto';
import { Secret } from '@syncline/config';
import { CredentialCipher, DestinationRepository } from '@syncline/control-plane';
import { TOPICS } from '@syncline/events';
import { ensureTopics } from '@syncline/kafka';
import { buildDataSourceOptions } from '@syncline/persistence';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { runSyncctl } from '../../../apps/syncctl/src/run-syncctl';
import { testClients } from '../support/test-clients';

// `syncctl status` against the real stack: the slot, the connector, lag per group, dead letters
// and a paused destination, as a table and as JSON; and a part that cannot be reached.

const t = testClients('syncctl-status');
const tenant = t.tenant('acme');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const senderGroup = `delivery-${randomUUID()}`;
const kafka = new Kafka({
  clientId: 'syncctl-status-test',
  brokers: t.env.SYNCLINE_KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
let dataSource: DataSource;
let destination = '';

async function syncctl(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runSyncctl(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    // No kubeconfig here: the pipeline part alone.
    env: { ...t.env, HOME: '/nonexistent-home', SYNCLINE_DELIVERY_GROUP_ID: senderGroup, ...env },
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  const destinations = new DestinationRepository(
    dataSource,
    new CredentialCipher(new Secret(randomBytes(32).toString('base64'))),
  );
  await destinations.putTenant(tenant, 'Acme');
  destination = (
    await destinations.create(tenant, {
      name: 'held-crm',
      kind: 'rest',
      baseUrl: 'http://127.0.0.1:1',
      credentials: { token: 'never-used-token' },
    })
  ).id;
  await destinations.setPaused(tenant, destination, true);
  // Three tasks wait in its queue (no worker runs: the group has committed nothing) and two
  // records were dead-lettered.
  const queue = TOPICS.deliveryTasks(prefix, destination);
  const dlq = TOPICS.deliveryDeadLetters(prefix, destination);
  await ensureTopics(kafka, [
    { topic: queue, numPartitions: 1 },
    { topic: dlq, numPartitions: 1 },
  ]);
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: queue, messages: [1, 2, 3].map((i) => ({ value: `task ${i}` })) });
  await producer.send({ topic: dlq, messages: [1, 2].map((i) => ({ value: `dead ${i}` })) });
  await producer.disconnect();
});

afterAll(async () => {
  await t.pool.query(`DELETE FROM syncline.destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM syncline.tenants WHERE id = $1`, [tenant]);
  await dataSource.destroy();
  await t.close();
});

describe('syncctl status', () => {
  it('shows the slot, the connector, lag and age per group, dead letters and paused destinations', async () => {
    const result = await syncctl(['status']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Replication slot syncline: active, retained WAL \d/),
    );
    expect(lines).toContainEqual('Connector syncline-postgres: RUNNING, task 0 RUNNING');
    expect(lines).toContainEqual(expect.stringMatching(/^syncline-cache\s+contact\s+\d+\s+\S+$/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${senderGroup}\\s+held-crm \\(${destination}\\)\\s+3\\s+\\d`),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^held-crm \\(${destination}\\)\\s+${tenant}\\s+rest\\s+PAUSED\\s+2$`),
      ),
    );
  });

  it('prints the same as JSON with --json', async () => {
    const result = await syncctl(['status', '--json']);

    expect(result.code).toBe(0);
    const { pipeline } = JSON.parse(result.stdout) as { pipeline: Record<string, unknown> };
    expect(pipeline).toMatchObject({
      slot: { slot: 'syncline', active: true },
      connector: { connector: 'syncline-postgres', state: 'RUNNING' },
      unreachable: [],
    });
    // Other files' destinations may share the stack: look for ours.
    expect(pipeline.destinations).toContainEqual(
      expect.objectContaining({ id: destination, tenant, paused: true, deadLetters: 2 }),
    );
    expect(pipeline.lag).toContainEqual(
      expect.objectContaining({ group: senderGroup, destination, lagMessages: 3 }),
    );
  });

  it('shows what it could read and exits 1 when a part is unreachable', async () => {
    const result = await syncctl(['status'], { SYNCLINE_CONNECT_URL: 'http://127.0.0.1:1' });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'syncctl: could not read kafka-connect; the status above shows what could be read\n',
    );
    expect(result.stdout).toMatch(/^Replication slot syncline: active/m);
    expect(result.stdout).toMatch(/Could not read:\n {2}kafka-connect: /);
    expect(result.stdout).toContain(`held-crm (${destination})`);
  });

  it('names a bad setting instead of reading anything', async () => {
    const result = await syncctl(['status'], { SYNCLINE_CONNECT_URL: 'connect:8083' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SYNCLINE_CONNECT_URL');
  });
});
