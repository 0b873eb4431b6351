import { SyncWorkerConfig } from '../types/sync-worker-config.type';
import { EnvReader } from './env-reader';

export function loadSyncWorkerConfig(env: EnvReader): SyncWorkerConfig {
  return {
    groupId: env.string('SYNCLINE_SYNC_GROUP_ID', 'syncline-cache'),
    maxEventBytes: env.int('SYNCLINE_SYNC_MAX_EVENT_BYTES', 1024 * 1024, {
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
    fetchBytesPerPartition: env.int('SYNCLINE_SYNC_FETCH_BYTES_PER_PARTITION', 256 * 1024, {
      min: 64 * 1024,
      max: 64 * 1024 * 1024,
    }),
    partitionsConcurrency: env.int('SYNCLINE_SYNC_CONCURRENCY', 6, { min: 1, max: 64 }),
    sessionTimeoutMs: env.int('SYNCLINE_SYNC_SESSION_TIMEOUT_MS', 30_000, {
      min: 6000,
      max: 300_000,
    }),
    noticePartitions: env.int('SYNCLINE_NOTICE_PARTITIONS', 6, { min: 1, max: 1024 }),
    newTopicCheckMs: env.int('SYNCLINE_SYNC_TOPIC_CHECK_MS', 30_000, { min: 500, max: 3_600_000 }),
  };
}
