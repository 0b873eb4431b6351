import { Admin, Kafka } from 'kafkajs';
import { LagTarget } from '../types/lag-target.type';
import { MessagePosition } from '../types/message-position.type';
import { TopicLag } from '../types/topic-lag.type';
import { partitionKey, readMessageTimestamps } from '../utils/read-message-timestamps.util';

interface PartitionLag extends MessagePosition {
  lag: bigint;
}

/**
 * How far a consumer group is behind on the topics it should be reading now. Only the targets the
 * caller names are measured (the live collections' or destinations' topics), so committed offsets
 * a group still holds for a deleted destination's queue never show as lag. The oldest unapplied
 * message's age costs one fetch per partition with lag.
 */
export class ConsumerLagReader {
  private admin?: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly now: () => number = Date.now,
  ) {}

  async read(group: string, targets: readonly LagTarget[]): Promise<TopicLag[]> {
    const admin = await this.connectedAdmin();
    try {
      const existing = new Set(await admin.listTopics());
      // A target whose topic does not exist yet (no change captured, queue not created) has no lag.
      const live = targets.filter((target) => existing.has(target.topic));
      if (live.length === 0) return [];
      const committed = await admin.fetchOffsets({
        groupId: group,
        topics: live.map((t) => t.topic),
      });
      const partitions: PartitionLag[] = [];
      for (const target of live) {
        const ends = await admin.fetchTopicOffsets(target.topic);
        const commits = committed.find((c) => c.topic === target.topic)?.partitions ?? [];
        for (const end of ends) {
          const commit = BigInt(commits.find((c) => c.partition === end.partition)?.offset ?? -1);
          // No commit yet: the group starts from the earliest retained message.
          const next = commit < BigInt(end.low) ? BigInt(end.low) : commit;
          const lag = BigInt(end.high) - next;
          if (lag > 0n)
            partitions.push({ topic: target.topic, partition: end.partition, offset: next, lag });
        }
      }
      const timestamps = await readMessageTimestamps(this.kafka, partitions);
      return live.map((target) => this.summarise(group, target, partitions, timestamps));
    } catch (error) {
      // Reconnect on the next read: the broker may have restarted under this admin client.
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  private summarise(
    group: string,
    target: LagTarget,
    lagging: readonly PartitionLag[],
    timestamps: Map<string, number>,
  ): TopicLag {
    const mine = lagging.filter((p) => p.topic === target.topic);
    const lagMessages = Number(mine.reduce((sum, p) => sum + p.lag, 0n));
    const stamps = mine.map((p) => timestamps.get(partitionKey(p.topic, p.partition)));
    const known = stamps.filter((stamp): stamp is number => stamp !== undefined);
    const oldestUnappliedAgeSeconds =
      mine.length === 0
        ? 0
        : known.length === 0
          ? undefined
          : Math.max(0, (this.now() - Math.min(...known)) / 1000);
    return { ...target, group, lagMessages, oldestUnappliedAgeSeconds };
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
