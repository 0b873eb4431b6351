import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * Lag per consumer group: committed offsets vs. the topics' end offsets, summed over partitions
 * (a partition without a committed offset counts from its start).
 */
export class ConsumerLagPoller {
  private admin?: Admin;

  constructor(
    brokers: string[],
    private readonly groups: readonly string[],
  ) {
    this.admin = new Kafka({
      clientId: 'syncline-load-test-lag',
      brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
  }

  async connect(): Promise<void> {
    await this.admin?.connect();
  }

  async poll(): Promise<Record<string, number>> {
    const admin = this.admin;
    if (!admin) return {};
    const lag: Record<string, number> = {};
    const ends = new Map<string, Map<number, { high: number; low: number }>>();
    for (const groupId of this.groups) {
      const committed = await admin.fetchOffsets({ groupId });
      let total = 0;
      for (const { topic, partitions } of committed) {
        if (!ends.has(topic)) {
          const offsets = await admin.fetchTopicOffsets(topic);
          ends.set(
            topic,
            new Map(
              offsets.map((o) => [o.partition, { high: Number(o.high), low: Number(o.low) }]),
            ),
          );
        }
        for (const { partition, offset } of partitions) {
          const end = ends.get(topic)?.get(partition);
          if (!end) continue;
          const at = Number(offset) >= 0 ? Number(offset) : end.low;
          total += Math.max(0, end.high - at);
        }
      }
      lag[groupId] = total;
    }
    return lag;
  }

  async disconnect(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
