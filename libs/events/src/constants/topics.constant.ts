/** Topic names, all derived from the deployment's topic prefix (`SYNCLINE_TOPIC_PREFIX`). */
export const TOPICS = {
  /** Debezium's per-table topics: `<prefix>.public.<table>`. */
  cdcPattern: (prefix: string): RegExp =>
    new RegExp(`^${escapeRegExp(prefix)}\\.public\\.[A-Za-z0-9_]+$`),
  cdcTable: (prefix: string, table: string): string => `${prefix}.public.${table}`,
  /** Notices from the sync-worker to the delivery side, keyed by record. */
  recordChanged: (prefix: string): string => `${prefix}.record-changed`,
  /** Change events the sync-worker could not apply, with the reason in headers. */
  cdcDeadLetters: (prefix: string): string => `${prefix}.dlq.cdc`,
  /** One destination's delivery tasks (record-changed notices routed to it): its own queue, its own pace. */
  deliveryTasks: (prefix: string, destinationId: string): string =>
    `${prefix}.delivery.${destinationId}`,
  deliveryTasksPattern: (prefix: string): RegExp =>
    new RegExp(`^${escapeRegExp(prefix)}\\.delivery\\.[0-9a-f-]{36}$`),
  /** Records a destination rejected for good, with the reason in headers; replayable. */
  deliveryDeadLetters: (prefix: string, destinationId: string): string =>
    `${prefix}.dlq.delivery.${destinationId}`,
} as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
