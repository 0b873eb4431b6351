import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { KafkaBatchTransport } from '@syncline/kafka';
import { installGracefulShutdown } from '@syncline/observability';
import { Logger } from 'nestjs-pino';
import { ROUTE_NOTICES_PATTERN } from './constants/route-notices.pattern';
import { DELIVERY_WORKER_APP, DeliveryWorkerModule } from './delivery-worker.module';

/**
 * delivery-worker: routes record-changed notices to per-destination queues (Nest transport over
 * kafkajs eachBatch), and delivers each queue to its CRM (DestinationSender).
 */
async function bootstrap(): Promise<void> {
  const config = getConfig();
  const transport = new KafkaBatchTransport({
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
    pattern: ROUTE_NOTICES_PATTERN,
  });
  const app = await NestFactory.createMicroservice(DeliveryWorkerModule, {
    strategy: transport,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  installGracefulShutdown(app, logger);
  await app.listen();
}

void bootstrap().catch((error: unknown) => {
  console.error('delivery-worker failed to start:', error);
  process.exit(1);
});
