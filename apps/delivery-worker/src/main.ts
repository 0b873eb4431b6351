import 'reflect-metadata';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { KafkaBatchTransport, KafkaBatchTransports } from '@syncline/kafka';
import { startKafkaWorker } from '@syncline/runtime';
import { INBOUND_HINTS_PATTERN } from './constants/inbound-hints.pattern';
import { ROUTE_NOTICES_PATTERN } from './constants/route-notices.pattern';
import { DELIVERY_WORKER_APP, DeliveryWorkerModule } from './delivery-worker.module';

/**
 * delivery-worker: routes record-changed notices to per-destination queues and applies inbound
 * hints (two-way sync), each its own consumer group on the Nest transport over kafkajs eachBatch;
 * delivers each queue to its CRM (DestinationSender).
 */
startKafkaWorker(DELIVERY_WORKER_APP, DeliveryWorkerModule, () => {
  const config = getConfig();
  const prefix = config.kafka.topicPrefix;
  return new KafkaBatchTransports([
    new KafkaBatchTransport({
      brokers: config.kafka.brokers,
      clientId: `${DELIVERY_WORKER_APP}-router`,
      groupId: config.delivery.routerGroupId,
      topics: [TOPICS.recordChanged(prefix)],
      // The sync-worker creates it too; whichever starts first must not fail to subscribe.
      ensureTopics: [
        { topic: TOPICS.recordChanged(prefix), numPartitions: config.syncWorker.noticePartitions },
      ],
      // A change the handler rejects for good (not retriable) is parked here; the partition moves on.
      deadLetterTopic: TOPICS.cdcDeadLetters(prefix),
      pattern: ROUTE_NOTICES_PATTERN,
    }),
    new KafkaBatchTransport({
      brokers: config.kafka.brokers,
      clientId: `${DELIVERY_WORKER_APP}-inbound`,
      groupId: config.delivery.inboundGroupId,
      topics: [TOPICS.inboundHints(prefix)],
      // The cache-api creates it too, with the same partitions, when the first webhook comes.
      ensureTopics: [
        { topic: TOPICS.inboundHints(prefix), numPartitions: config.delivery.topicPartitions },
      ],
      // A malformed hint is parked here; a retriable failure redoes the batch.
      deadLetterTopic: TOPICS.inboundHintDeadLetters(prefix),
      pattern: INBOUND_HINTS_PATTERN,
    }),
  ]);
});
