import { Kafka, Message, Producer } from 'kafkajs';
import { createKafka } from '../utils/create-kafka.util';
import { ensureTopics, TopicSpec } from '../utils/ensure-topics.util';
import { KeyPartitioner } from '../utils/key-partitioner.util';

/**
 * A producer that waits for all in-sync replicas: when `send` resolves the messages are durable,
 * so callers may commit the offsets of what caused them.
 */
export class DurableKafkaProducer {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected?: Promise<void>;
  private readonly knownTopics = new Set<string>();

  constructor(
    brokers: string[],
    clientId: string,
    private readonly topics: TopicSpec[] = [],
  ) {
    this.kafka = createKafka(brokers, clientId);
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: KeyPartitioner,
    });
  }

  /** Connects once, creating the topics this producer writes to first; a failed try is retried by the next call. */
  async connect(): Promise<void> {
    this.connected ??= ensureTopics(this.kafka, this.topics)
      .then(() => this.producer.connect())
      .catch((error: unknown) => {
        // A broker outage at start must not leave a rejected promise behind for every later send.
        this.connected = undefined;
        throw error;
      });
    await this.connected;
  }

  /** Creates topics discovered at run time (a new destination's queue); remembers what exists. */
  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const missing = topics.filter(({ topic }) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    await this.connect();
    await ensureTopics(this.kafka, missing);
    for (const { topic } of missing) this.knownTopics.add(topic);
  }

  async send(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    await this.producer.send({ topic, messages, acks: -1, compression: 0 });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
