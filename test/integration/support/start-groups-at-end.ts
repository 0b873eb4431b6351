import { Kafka, logLevel } from 'kafkajs';

/**
 * Commits offsets at the current end of `topics` (names or patterns) for new consumer groups, so
 * that a test's fresh workers start with what the test writes instead of replaying every earlier
 * file's history on the shared stack (each fresh sync group republishes its notices, so that
 * history grows with every file).
 */
export async function startGroupsAtEnd(
  brokers: string[],
  groups: readonly { groupId: string; topics: readonly (string | RegExp)[] }[],
): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-group-offsets',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    for (const { groupId, topics } of groups) {
      const names = existing.filter((name) =>
        topics.some((topic) => (typeof topic === 'string' ? topic === name : topic.test(name))),
      );
      for (const topic of names) {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId,
          topic,
          partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
        });
      }
    }
  } finally {
    await admin.disconnect();
  }
}
