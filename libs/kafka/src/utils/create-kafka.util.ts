import { Kafka, logLevel } from 'kafkajs';
import { nestLogCreator } from './nest-log-creator.util';

/**
 * The one way to make a kafkajs client: logs go to the app's logger, warnings and up (or `level`:
 * a caller that reports failures itself, once per outage, passes `logLevel.NOTHING`).
 */
export function createKafka(brokers: string[], clientId: string, level = logLevel.WARN): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: level,
    logCreator: nestLogCreator() as never,
  });
}
