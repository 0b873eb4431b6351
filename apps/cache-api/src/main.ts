import 'reflect-metadata';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConfig } from '@syncline/config';
import { installGracefulShutdown, superviseCluster } from '@syncline/observability';
import { Logger } from 'nestjs-pino';
import { CacheApiModule } from './cache-api.module';
import { createHttpAdapter } from './http/utils/create-http-adapter.util';
import { RequestMetricsHook } from './services/request-metrics.hook';

/** cache-api: read and write-through access to records for other services. */
async function bootstrap(): Promise<void> {
  const config = getConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    CacheApiModule,
    createHttpAdapter(),
    // The adapter brings its own body parsers (see createHttpAdapter).
    { bufferLogs: true, bodyParser: false },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.get(RequestMetricsHook).register(app.getHttpAdapter().getInstance());
  installGracefulShutdown(app, logger);
  await app.listen(config.http.port, '0.0.0.0');
  logger.log(`cache-api listening on :${config.http.port}`);
}

// SYNCLINE_CACHE_API_PROCESSES > 1: this process only supervises; its workers serve.
const processes = getConfig().http.processes;
if (processes > 1 && cluster.isPrimary) {
  superviseCluster({ name: 'cache-api', processes, log: (line) => console.log(line) });
} else {
  bootstrap().catch((error: unknown) => {
    console.error('cache-api failed to start:', error);
    process.exit(1);
  });
}
