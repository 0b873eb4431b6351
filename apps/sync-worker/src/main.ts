import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { KafkaBatchTransport } from '@syncline/kafka';
import { installGracefulShutdown } from '@syncline/observability';
import { Logger } from 'nestjs-pino';
import { CDC_BATCH_PATTERN } from './constants/cdc-batch.pattern';
import { SyncWorkerModule, SYNC_WORKER_APP } from './sync-worker.module';

/** sync-worker: Debezium change events -> version-guarded Redis cache -> record-changed notices. */
async function bootstrap(): Promise<void> {
  const config = getConfig();
  const transport = new KafkaBatchTransport({
    brokers: config.kafka.brokers,
    clientId: SYNC_WORKER_APP,
    groupId: config.syncWorker.groupId,
    topics: [TOPICS.cdcPattern(config.kafka.topicPrefix)],
    pattern: CDC_BATCH_PATTERN,
    partitionsConsumedConcurrently: config.syncWorker.partitionsConcurrency,
    sessionTimeoutMs: config.syncWorker.sessionTimeoutMs,
  });
  const app = await NestFactory.createMicroservice(SyncWorkerModule, {
    strategy: transport,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // SIGTERM: the transport finishes and commits the batch in hand, then the providers close.
  installGracefulShutdown(app, logger);
  await app.listen();
}

void bootstrap().catch((error: unknown) => {
  console.error('sync-worker failed to start:', error);
  process.exit(1);
});
