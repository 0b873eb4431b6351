import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { getConfig } from '@syncline/config';
import { installGracefulShutdown } from '@syncline/observability';
import { Logger } from 'nestjs-pino';
import { CacheApiModule } from './cache-api.module';

/** cache-api: read and write-through access to records for other services. */
async function bootstrap(): Promise<void> {
  const config = getConfig();
  const app = await NestFactory.create<NestExpressApplication>(CacheApiModule, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useBodyParser('json', { limit: '2mb' });
  app.disable('x-powered-by');
  installGracefulShutdown(app, logger);
  await app.listen(config.http.port, '0.0.0.0');
  logger.log(`cache-api listening on :${config.http.port}`);
}

void bootstrap().catch((error: unknown) => {
  console.error('cache-api failed to start:', error);
  process.exit(1);
});
