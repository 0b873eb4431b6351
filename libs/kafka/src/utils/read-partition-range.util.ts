import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';

export interface PartitionRange {
  messages: KafkaMessage[];
  /** The partition's end (next offset to be written) when the read started. */
  highWatermark: bigint;
}

/**
 * Reads up to `limit` messages of one partition from `fromOffset`, stopping at the partition's
 * current end. A throw-away consumer group that commits nothing, so repeated reads (a replay API
 * paging through a dead-letter topic) never disturb anyone's offsets.
 */
export async function readPartitionRange(
  kafka: Kafka,
  {
    topic,
    partition,
    fromOffset,
    limit,
    timeoutMs = 15_000,
  }: { topic: string; partition: number; fromOffset: bigint; limit: number; timeoutMs?: number },
): Promise<PartitionRange> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const end = offsets.find((o) => o.partition === partition);
  const highWatermark = BigInt(end?.high ?? '0');
  const low = BigInt(end?.low ?? '0');
  const start = fromOffset < low ? low : fromOffset;
  if (start >= highWatermark || limit <= 0) return { messages: [], highWatermark };

  const consumer = kafka.consumer({
    groupId: `syncline-reader-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic}[${partition}] timed out`)),
        timeoutMs,
      );
      void consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (batch.partition !== partition) return;
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset < start) continue;
              if (messages.length >= limit || offset >= highWatermark) break;
              messages.push(message);
            }
            const last =
              messages.length > 0 ? BigInt(messages[messages.length - 1].offset) : start - 1n;
            if (messages.length >= limit || last + 1n >= highWatermark) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      consumer.on(consumer.events.GROUP_JOIN, () =>
        consumer.seek({ topic, partition, offset: start.toString() }),
      );
    });
  } finally {
    await consumer.disconnect();
  }
  return { messages, highWatermark };
}
