/** Headers every dead letter carries: why it failed and where it came from. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-dlq-reason', // an ErrorCode
  message: 'x-dlq-message',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  failedAt: 'x-dlq-failed-at',
  stage: 'x-dlq-stage', // which component gave up: sync-worker, delivery-worker
  errorClass: 'x-dlq-error-class', // delivery: transient | rate_limited | permanent
  destination: 'x-dlq-destination',
  mappingVersion: 'x-dlq-mapping-version',
  /** Set on a task put back by the replay API: the worker reloads mappings before delivering it. */
  replayed: 'x-syncline-replayed',
} as const;
