import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';
import { MessagePosition } from '../types/message-position.type';

/** `topic:partition`, the key of the maps below. */
export const partitionKey = (topic: string, partition: number): string => `${topic}:${partition}`;

/**
 * The timestamp (ms) of the message at each position: one small fetch per position, through a
 * throw-away consumer group that commits nothing (so nobody's offsets move) and pauses every
 * partition it was not asked about. Positions not read within `timeoutMs` are left out.
 */
export async function readMessageTimestamps(
  kafka: Kafka,
  positions: readonly MessagePosition[],
  timeoutMs = 10_000,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (positions.length === 0) return found;
  const wanted = new Map(positions.map((p) => [partitionKey(p.topic, p.partition), p]));
  const consumer = kafka.consumer({
    groupId: `syncline-lag-probe-${randomUUID()}`,
    maxWaitTimeInMs: 100,
    // One message is enough: the first fetch of a partition answers.
    maxBytesPerPartition: 16 * 1024,
    allowAutoTopicCreation: false,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...new Set(positions.map((p) => p.topic))],
      fromBeginning: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
        seekOrPause(consumer, payload.memberAssignment, wanted),
      );
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = partitionKey(batch.topic, batch.partition);
            const position = wanted.get(key);
            if (!position || found.has(key)) return;
            const first = batch.messages.find((m) => BigInt(m.offset) >= position.offset);
            if (!first) return;
            found.set(key, Number(first.timestamp));
            consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
            if (found.size === wanted.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

function seekOrPause(
  consumer: Consumer,
  assignment: Record<string, number[]>,
  wanted: Map<string, MessagePosition>,
): void {
  for (const [topic, partitions] of Object.entries(assignment)) {
    const idle = partitions.filter((partition) => !wanted.has(partitionKey(topic, partition)));
    if (idle.length > 0) consumer.pause([{ topic, partitions: idle }]);
    for (const partition of partitions) {
      const position = wanted.get(partitionKey(topic, partition));
      if (position) consumer.seek({ topic, partition, offset: position.offset.toString() });
    }
  }
}
