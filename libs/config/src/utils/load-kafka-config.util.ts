import { KafkaConfig } from '../types/kafka-config.type';
import { EnvReader } from './env-reader';

// Kafka topic names allow [a-zA-Z0-9._-].
const TOPIC_PREFIX = /^[A-Za-z0-9._-]+$/;

export function loadKafkaConfig(env: EnvReader): KafkaConfig {
  const topicPrefix = env.string('SYNCLINE_TOPIC_PREFIX', 'syncline');
  if (!TOPIC_PREFIX.test(topicPrefix)) {
    env.fail('SYNCLINE_TOPIC_PREFIX', 'may only contain letters, digits, ".", "_" and "-"');
  }
  return {
    brokers: env.hostPortList('SYNCLINE_KAFKA_BROKERS', ['127.0.0.1:9092']),
    topicPrefix,
  };
}
