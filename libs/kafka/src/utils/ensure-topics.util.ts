import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/**
 * Creates the topics an app writes to, if missing, with their partition counts: relying on broker
 * auto-creation would give them the broker default and fail the first send while metadata settles.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
