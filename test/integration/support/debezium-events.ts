import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** A contact row as Debezium's JSON converter writes it (jsonb as a string, timestamps as ISO). */
export function debeziumContactRow(
  tenant: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    tenant_id: tenant,
    id: randomUUID(),
    company_id: null,
    email: `${randomUUID().slice(0, 8)}@example.com`,
    first_name: 'Fabricated',
    last_name: 'Event',
    phone: null,
    lifecycle_stage: 'lead',
    status: 'active',
    lead_score: 1,
    do_not_contact: false,
    last_contacted_at: null,
    notes: null,
    custom_fields: '{}',
    version: 1,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

export function debeziumEnvelope(
  op: 'c' | 'u' | 'd' | 'r' | 't',
  {
    before = null,
    after = null,
    table = 'contacts',
    lsn = 1,
  }: {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    table?: string;
    lsn?: number;
  },
): Record<string, unknown> {
  return {
    before,
    after,
    source: {
      version: '3.4.3.Final',
      connector: 'postgresql',
      name: 'syncline',
      db: 'syncline',
      schema: 'public',
      table,
      lsn,
      snapshot: 'false',
    },
    op,
    ts_ms: Date.now(),
  };
}

/** Writes raw messages to a topic, as a misbehaving producer (or a test) would. */
export async function produceRaw(
  brokers: string[],
  topic: string,
  messages: { key: string | null; value: string | Buffer | null }[],
): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}
