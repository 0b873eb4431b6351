import { Kafka, logLevel, Message, Producer } from 'kafkajs';

/**
 * A producer that waits for all in-sync replicas: when `send` resolves the messages are durable,
 * so callers may commit the offsets of what caused them.
 */
export class DurableKafkaProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(brokers: string[], clientId: string) {
    const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
  }

  async connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
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
