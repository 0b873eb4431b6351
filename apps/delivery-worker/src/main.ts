import 'reflect-metadata';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { KafkaBatchTransport } from '@syncline/kafka';
import { startKafkaWorker } from '@syncline/runtime';
import { ROUTE_NOTICES_PATTERN } from './constants/route-notices.pattern';
import { DELIVERY_WORKER_APP, DeliveryWorkerModule } from './delivery-worker.module';

/**
 * delivery-worker: routes record-changed notices to per-destination queues (Nest transport over
 * kafkajs eachBatch), and delivers each queue to its CRM (DestinationSender).
 */
startKafkaWorker(DELIVERY_WORKER_APP, DeliveryWorkerModule, () => {
  const config = getConfig();
  return new KafkaBatchTransport({
    brokers: config.kafka.brokers,
    clientId: `${DELIVERY_WORKER_APP}-router`,
    groupId: config.delivery.routerGroupId,
    topics: [TOPICS.recordChanged(config.kafka.topicPrefix)],
    // The sync-worker creates it too; whichever starts first must not fail to subscribe.
    ensureTopics: [
      {
        topic: TOPICS.recordChanged(config.kafka.topicPrefix),
        numPartitions: config.syncWorker.noticePartitions,
      },
    ],
    // A change the handler rejects for good (not retriable) is parked here; the partition moves on.
    deadLetterTopic: TOPICS.cdcDeadLetters(config.kafka.topicPrefix),
    pattern: ROUTE_NOTICES_PATTERN,
  });
});
