// Demo step 1: one contact is created, updated and deleted in Postgres, and each change is shown
// as it arrives on Kafka from Debezium.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';

const env = process.env;
const topic = `${env.SYNCLINE_TOPIC_PREFIX}.public.contacts`;

async function main(): Promise<void> {
  const pool = new Pool({
    host: env.SYNCLINE_PG_HOST,
    port: Number(env.SYNCLINE_PG_PORT),
    database: env.SYNCLINE_PG_DATABASE,
    user: env.SYNCLINE_PG_USER,
    password: env.SYNCLINE_PG_PASSWORD,
  });
  const kafka = new Kafka({
    clientId: 'syncline-demo',
    brokers: (env.SYNCLINE_KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({
    groupId: `syncline-demo-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  // From the beginning, filtered by id: "latest" would be resolved only at the first fetch, maybe after our insert.
  await consumer.subscribe({ topic, fromBeginning: true });

  const tenant = 'demo-tenant';
  const email = `grace-${randomUUID().slice(0, 8)}@example.com`;
  const id = randomUUID();
  let seen = 0;
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const key = JSON.parse(message.key?.toString() ?? 'null') as { id: string } | null;
        if (key?.id !== id) return;
        const value = message.value
          ? (JSON.parse(message.value.toString()) as {
              op: string;
              after: { version: number } | null;
              before: { version: number } | null;
              source: { lsn: number };
            })
          : null;
        const what =
          value === null
            ? 'tombstone'
            : `op=${value.op} version=${(value.after ?? value.before)?.version} lsn=${value.source.lsn}`;
        console.log(`  kafka  ${topic}[${partition}]@${message.offset}  ${what}`);
        if (++seen === 4) resolve();
      },
    });
  });
  // Subscribe before writing: wait for the group to own its partitions.
  await new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));

  console.log(`\nPostgres -> Debezium -> Kafka (${topic})`);
  await pool.query(
    `INSERT INTO contacts (tenant_id, id, email, first_name, last_name) VALUES ($1, $2, $3, 'Grace', 'Hopper')`,
    [tenant, id, email],
  );
  console.log(`  pg     INSERT contact ${id}`);
  await pool.query(`UPDATE contacts SET lead_score = 90 WHERE tenant_id = $1 AND id = $2`, [
    tenant,
    id,
  ]);
  console.log('  pg     UPDATE lead_score = 90');
  await pool.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
  console.log('  pg     DELETE');

  const timeout = setTimeout(() => {
    console.error(
      'no events from Kafka after 60s: is the Debezium connector running? (scripts/stack status)',
    );
    process.exit(1);
  }, 60_000);
  await done;
  clearTimeout(timeout);
  await consumer.disconnect();
  await pool.end();
  console.log('\nEach change arrived on Kafka in commit order, followed by the delete tombstone.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
