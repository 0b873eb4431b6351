import { TOPICS } from '@syncline/events';
import { ReplicationSlotReader, type LagTarget, type TopicLag } from '@syncline/pipeline-health';
import type { PipelineContext } from '../services/pipeline-context';
import type {
  DestinationHealth,
  PipelineStatus,
  UnreachableComponent,
} from '../types/pipeline-status.type';

type Component = UnreachableComponent['component'];

/**
 * `syncctl status`, pipeline part: the slot, the connector, every group's lag and age, dead-letter
 * counts and paused destinations. Each part is read on its own: one that cannot be reached is
 * named in `unreachable` and the others are still shown.
 */
export class ShowPipelineStatusUseCase {
  private readonly unreachable: UnreachableComponent[] = [];

  constructor(private readonly context: PipelineContext) {}

  async execute(): Promise<PipelineStatus> {
    const { config } = this.context;
    const prefix = config.kafka.topicPrefix;
    const [slot, connector, collections, destinations] = await Promise.all([
      this.read('postgres', async () => {
        if (config.health.slotName === '') return undefined;
        const health = await new ReplicationSlotReader(this.context.pool).read(
          config.health.slotName,
        );
        return health ?? ('missing' as const);
      }),
      this.read('kafka-connect', async () =>
        this.context.connect()?.status(config.health.connectorName),
      ),
      this.read('postgres', () => this.context.loadCollections()),
      this.read('control-plane', async () => (await this.context.destinations()).list()),
    ]);

    const groups: { group: string; targets: LagTarget[] }[] = [
      {
        group: config.delivery.routerGroupId,
        targets: [{ topic: TOPICS.recordChanged(prefix), collection: '', destination: '' }],
      },
    ];
    if (collections) {
      groups.unshift({
        group: config.syncWorker.groupId,
        targets: collections.collections.map((c) => ({
          topic: TOPICS.cdcTable(prefix, c.table, c.schema),
          collection: c.name,
          destination: '',
        })),
      });
    }
    if (destinations) {
      groups.push({
        group: config.delivery.senderGroupId,
        targets: destinations.map((d) => ({
          topic: TOPICS.deliveryTasks(prefix, d.id),
          collection: '',
          destination: d.id,
        })),
      });
    }
    const kafka = await this.read('kafka', async () => {
      const lag: TopicLag[] = [];
      for (const { group, targets } of groups) {
        lag.push(...(await this.context.lag().read(group, targets)));
      }
      const deadLetters = await this.countMessages([
        TOPICS.cdcDeadLetters(prefix),
        ...(destinations ?? []).map((d) => TOPICS.deliveryDeadLetters(prefix, d.id)),
      ]);
      return { lag, deadLetters };
    });

    return {
      slot,
      connector,
      lag: kafka?.lag ?? [],
      cdcDeadLetters: kafka?.deadLetters.get(TOPICS.cdcDeadLetters(prefix)),
      destinations: (destinations ?? []).map((d): DestinationHealth => ({
        tenant: d.tenant,
        id: d.id,
        name: d.name,
        kind: d.kind,
        paused: d.paused,
        deadLetters: kafka?.deadLetters.get(TOPICS.deliveryDeadLetters(prefix, d.id)) ?? 0,
      })),
      unreachable: this.unreachable,
    };
  }

  /** Messages held by each topic that exists (high - low watermark, summed over partitions). */
  private async countMessages(topics: string[]): Promise<Map<string, number>> {
    const admin = this.context.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const counts = new Map<string, number>();
      for (const topic of topics.filter((t) => existing.has(t))) {
        const offsets = await admin.fetchTopicOffsets(topic);
        counts.set(
          topic,
          offsets.reduce((sum, o) => sum + Number(BigInt(o.high) - BigInt(o.low)), 0),
        );
      }
      return counts;
    } finally {
      await admin.disconnect();
    }
  }

  private async read<T>(component: Component, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Two reads of one component failing for one reason are one line.
      if (!this.unreachable.some((u) => u.component === component && u.message === message)) {
        this.unreachable.push({ component, message });
      }
      return undefined;
    }
  }
}
