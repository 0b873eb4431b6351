export { APP_NAME, REDIS_CLIENT, SOURCE_POOL } from './constants/runtime.tokens';
export { RuntimeModule } from './runtime.module';
export type { RuntimeOptions } from './runtime.module';
export { startKafkaWorker } from './utils/start-kafka-worker.util';
export type { WorkerTransport } from './utils/start-kafka-worker.util';
