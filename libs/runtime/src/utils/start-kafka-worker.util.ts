import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { PassThroughRpcExceptionFilter } from '@syncline/kafka';
import {
  HealthService,
  installGracefulShutdown,
  logUnhandledRejections,
} from '@syncline/observability';
import { Logger } from 'nestjs-pino';

/** A transport that can say whether it is consuming (KafkaBatchTransport). */
export type WorkerTransport = CustomTransportStrategy & { isConsuming?(): boolean };

/**
 * Starts a worker the one way: a Nest microservice on its Kafka transport, pino logs, and SIGTERM
 * handled so the transport finishes and commits the batch in hand before the providers close.
 * Handler errors reach the transport untouched (PassThroughRpcExceptionFilter: their `retriable`
 * flag decides retry vs. dead letter). `/health/ready` includes "the consumer runs". The transport
 * retries a start that meets a broker outage itself; a failure to build the app (bad config, a
 * bug) exits 1 (Kubernetes restarts the pod). An unhandled rejection is logged, not fatal.
 */
export function startKafkaWorker(
  app: string,
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  transport: () => WorkerTransport,
): void {
  logUnhandledRejections(new NestLogger(app));
  const start = async () => {
    const strategy = transport();
    const worker = await NestFactory.createMicroservice(module, { strategy, bufferLogs: true });
    const logger = worker.get(Logger);
    worker.useLogger(logger);
    // Nest would hold start-up logs until the transport listens, i.e. until Kafka answers.
    worker.flushLogs();
    logUnhandledRejections(logger);
    worker.useGlobalFilters(new PassThroughRpcExceptionFilter());
    const isConsuming = strategy.isConsuming?.bind(strategy);
    if (isConsuming)
      worker.get(HealthService).register('kafka-consumer', async () => isConsuming());
    installGracefulShutdown(worker, logger);
    await worker.listen();
  };
  start().catch((error: unknown) => {
    console.error(`${app} failed to start:`, error);
    process.exit(1);
  });
}
