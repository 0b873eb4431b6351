import { TOPICS } from '@syncline/events';

/**
 * Debezium's topics of every captured table, in any schema: `<prefix>.<schema>.<table>`, which
 * Syncline's own three-part topics (the CDC dead letters, per-destination delivery queues) are
 * not. Which of them are collections is the registry's call, per event.
 */
export function cdcTopicsPattern(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = [TOPICS.cdcDeadLetters(prefix), TOPICS.deliveryTasks(prefix, 'x')].map(
    (topic) => topic.slice(prefix.length + 1).split('.')[0],
  );
  // `<prefix>.dlq.cdc` and `<prefix>.delivery.<id>`: the first part names Syncline's own topics.
  return new RegExp(`^${escaped}\\.(?!(?:${own.join('|')})\\.)[^.]+\\.[^.]+$`);
}
