import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';
import { SyncctlException } from '../exceptions/syncctl.exception';

/** A Debezium notification (notification.enabled.channels=sink), as the connector writes it. */
export interface DebeziumNotification {
  id: string;
  aggregate_type: string;
  type: string;
  additional_data?: Record<string, string>;
}

/**
 * Debezium's notifications topic, read from the point this watcher started: how syncctl learns
 * that a snapshot it signalled has finished (or failed), with no access to the connector's JMX.
 */
export class SnapshotNotifications {
  private readonly seen: DebeziumNotification[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly consumer: Consumer) {}

  /** Starts reading `topic` from its current end (created if the connector has not yet). */
  static async start(kafka: Kafka, topic: string): Promise<SnapshotNotifications> {
    const admin = kafka.admin();
    await admin.connect();
    let ends: Map<number, bigint>;
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const offsets = await admin.fetchTopicOffsets(topic);
      ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({ groupId: `syncctl-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const watcher = new SnapshotNotifications(consumer);
    await consumer.connect();
    // From the beginning, skipping what was there before: no race with the group's first fetch.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (BigInt(message.offset) < (ends.get(partition) ?? 0n) || !message.value) return;
        watcher.seen.push(JSON.parse(message.value.toString()) as DebeziumNotification);
        for (const wake of watcher.waiters) wake();
      },
    });
    return watcher;
  }

  /** Resolves with the notifications seen so far once `done` says so; fails after `timeoutMs`. */
  async waitUntil(
    done: (seen: readonly DebeziumNotification[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<DebeziumNotification[]> {
    if (done(this.seen)) return [...this.seen];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new SyncctlException(
            'unreachable',
            `no word from the Debezium connector on ${what} within ${timeoutMs / 1000}s: is it running? (its log says more)`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!done(this.seen)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve([...this.seen]);
      };
      this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
