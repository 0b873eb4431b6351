import 'reflect-metadata';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { KafkaBatchTransport } from '@syncline/kafka';
import { startKafkaWorker } from '@syncline/runtime';
import { CDC_BATCH_PATTERN } from './constants/cdc-batch.pattern';
import { cdcTopicsPattern } from './constants/cdc-topics.pattern';
import { SyncWorkerModule, SYNC_WORKER_APP } from './sync-worker.module';

/** sync-worker: Debezium change events -> version-guarded Redis cache -> record-changed notices. */
startKafkaWorker(SYNC_WORKER_APP, SyncWorkerModule, () => {
  const config = getConfig();
  return new KafkaBatchTransport({
    brokers: config.kafka.brokers,
    clientId: SYNC_WORKER_APP,
    groupId: config.syncWorker.groupId,
    topics: [cdcTopicsPattern(config.kafka.topicPrefix)],
    // A change the handler rejects for good (not retriable) is parked here; the partition moves on.
    deadLetterTopic: TOPICS.cdcDeadLetters(config.kafka.topicPrefix),
    pattern: CDC_BATCH_PATTERN,
    partitionsConsumedConcurrently: config.syncWorker.partitionsConcurrency,
    maxBytesPerPartition: config.syncWorker.fetchBytesPerPartition,
    sessionTimeoutMs: config.syncWorker.sessionTimeoutMs,
    newTopicCheckMs: config.syncWorker.newTopicCheckMs,
  });
});
