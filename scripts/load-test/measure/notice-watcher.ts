import { decodeRecordChangedNotice, TOPICS, type RecordChangedNotice } from '@syncline/events';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

/** `producedAt`: the notice's Kafka record timestamp; `receivedAt`: when its batch reached us. */
export type NoticeHandler = (
  notice: RecordChangedNotice,
  producedAt: number | undefined,
  receivedAt: number,
) => void;

/**
 * Reads `<prefix>.record-changed` from the end offsets taken at start (before the first write),
 * in its own throw-away consumer group, deleted on stop. Notices of other tenants are skipped
 * without a full decode.
 */
export class NoticeWatcher {
  private consumer?: Consumer;
  private readonly kafka: Kafka;
  private readonly groupId: string;
  received = 0;

  constructor(
    brokers: string[],
    private readonly topicPrefix: string,
    runId: string,
    /** How the run's tenants begin (`loadtest-`), or a whole tenant ending in `"` (`default"`). */
    private readonly tenantPrefix: string,
  ) {
    this.kafka = new Kafka({
      clientId: `syncline-load-test-${runId}`,
      brokers,
      logLevel: logLevel.NOTHING,
    });
    this.groupId = `syncline-load-test-${runId}`;
  }

  async start(onNotice: NoticeHandler): Promise<void> {
    const topic = TOPICS.recordChanged(this.topicPrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      maxWaitTimeInMs: 50,
      minBytes: 1,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    const marker = Buffer.from(`"tenant":"${this.tenantPrefix}`);
    await consumer.run({
      partitionsConsumedConcurrently: 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const receivedAt = Date.now();
        for (const message of batch.messages) {
          this.received += 1;
          if (message.value && message.value.includes(marker)) {
            const notice = decodeRecordChangedNotice(message.value);
            const producedAt = Number(message.timestamp);
            onNotice(notice, producedAt > 0 ? producedAt : undefined, receivedAt);
          }
          payload.resolveOffset(message.offset);
        }
        await payload.heartbeat();
      },
    });
    await joined;
    // Start exactly where the topic ended before the run: nothing of this run is missed.
    for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    const admin = this.kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
