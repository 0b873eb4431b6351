/** Topic names, all derived from the deployment's topic prefix (`SYNCLINE_TOPIC_PREFIX`). */
export const TOPICS = {
  /**
   * Debezium's per-table topics, `<prefix>.<schema>.<table>` for any schema and table (Debezium
   * writes characters a topic cannot hold as `_`), except Syncline's own `delivery` and `dlq`
   * topics on the same prefix.
   */
  cdcPattern: (prefix: string): RegExp =>
    new RegExp(
      `^${escapeRegExp(prefix)}\\.(?!(?:delivery|dlq)\\.)[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`,
    ),
  cdcTable: (prefix: string, table: string, schema = 'public'): string =>
    `${prefix}.${schema}.${table}`.replace(/[^A-Za-z0-9._-]/g, '_'),
  /** Notices from the sync-worker to the delivery side, keyed by record. */
  recordChanged: (prefix: string): string => `${prefix}.record-changed`,
  /**
   * "Look at this CRM record again" hints (webhooks, polls) for the delivery-worker's inbound
   * consumer, keyed by destination and record so one record's hints stay in order.
   */
  inboundHints: (prefix: string): string => `${prefix}.inbound-hints`,
  /** Inbound hints the delivery-worker could never read (malformed), with the reason in headers. */
  inboundHintDeadLetters: (prefix: string): string => `${prefix}.dlq.inbound-hints`,
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
