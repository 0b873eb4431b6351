import { Kafka } from 'kafkajs';

/**
 * Deletes the given topics where they exist and returns the ones deleted. The broker drops the
 * consumer groups' committed offsets with them, so a deleted queue leaves no lag behind.
 */
export async function deleteTopics(kafka: Kafka, topics: readonly string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
    return present;
  } finally {
    await admin.disconnect();
  }
}
