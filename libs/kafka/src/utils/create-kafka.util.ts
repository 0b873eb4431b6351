import { Kafka, logLevel } from 'kafkajs';
import { nestLogCreator } from './nest-log-creator.util';

/** The one way to make a kafkajs client: logs go to the app's logger, warnings and up. */
export function createKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator() as never,
  });
}
