import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { installGracefulShutdown } from '@syncline/observability';
import { Logger } from 'nestjs-pino';

/**
 * Starts a worker the one way: a Nest microservice on its Kafka transport, pino logs, and SIGTERM
 * handled so the transport finishes and commits the batch in hand before the providers close. A
 * failure to start exits 1 (Kubernetes restarts the pod).
 */
export function startKafkaWorker(
  app: string,
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  transport: () => CustomTransportStrategy,
): void {
  const start = async () => {
    const worker = await NestFactory.createMicroservice(module, {
      strategy: transport(),
      bufferLogs: true,
    });
    const logger = worker.get(Logger);
    worker.useLogger(logger);
    installGracefulShutdown(worker, logger);
    await worker.listen();
  };
  start().catch((error: unknown) => {
    console.error(`${app} failed to start:`, error);
    process.exit(1);
  });
}
