import { Logger } from '@nestjs/common';
import { ControlPlaneSnapshot } from '@syncline/control-plane';
import {
  decodeRecordChangedNotice,
  DEAD_LETTER_HEADERS,
  recordChangedKey,
  TOPICS,
} from '@syncline/events';
import { DurableKafkaProducer, KafkaBatch } from '@syncline/kafka';
import { Message } from 'kafkajs';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';

/**
 * Fans record-changed notices out to the queue of every destination a mapping sends that record
 * type to. Each destination then moves at its own pace: a slow or failing CRM delays only its own
 * queue (isolation). Notices carry no data, so routing is cheap and replays are harmless.
 */
export class RouteNoticesUseCase {
  private readonly logger = new Logger(RouteNoticesUseCase.name);

  constructor(
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly producer: DurableKafkaProducer,
    private readonly topicPrefix: string,
    private readonly deliveryPartitions: number,
    private readonly metrics: DeliveryWorkerMetrics,
  ) {}

  async execute(batch: KafkaBatch): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    const undecodable: Message[] = [];
    for (const message of batch.messages) {
      let notice;
      try {
        notice = decodeRecordChangedNotice(message.value ?? Buffer.alloc(0));
      } catch (error) {
        undecodable.push({
          key: message.key,
          value: message.value,
          headers: {
            [DEAD_LETTER_HEADERS.reason]: 'UNDECODABLE_EVENT',
            [DEAD_LETTER_HEADERS.message]: String(error),
            [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
            [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
            [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
            [DEAD_LETTER_HEADERS.stage]: 'delivery-router',
            [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
          },
        });
        continue;
      }
      for (const mapping of this.snapshot.mappingsFor(notice.tenant, notice.entity)) {
        if (!this.snapshot.destination(mapping.destinationId)) continue;
        const topic = TOPICS.deliveryTasks(this.topicPrefix, mapping.destinationId);
        const queued = byTopic.get(topic) ?? [];
        queued.push({ key: recordChangedKey(notice), value: message.value });
        byTopic.set(topic, queued);
        this.metrics.routed.inc({ tenant: notice.tenant, entity: notice.entity });
      }
    }
    await this.producer.ensureTopics(
      [...byTopic.keys()].map((topic) => ({ topic, numPartitions: this.deliveryPartitions })),
    );
    await Promise.all([...byTopic].map(([topic, messages]) => this.producer.send(topic, messages)));
    if (undecodable.length > 0) {
      this.logger.warn(`dead-lettered ${undecodable.length} undecodable record-changed notices`);
      await this.producer.send(TOPICS.cdcDeadLetters(this.topicPrefix), undecodable);
    }
  }
}
