import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { expectEventually } from './expect-eventually';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: unknown;
  /** Parsed JSON value; `null` for a tombstone. */
  value: unknown;
  headers: Record<string, string>;
}

function parse(buffer: Buffer | null): unknown {
  if (buffer === null) return null;
  const text = buffer.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toReadMessage(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: parse(message.key),
    value: parse(message.value),
    headers,
  };
}

/** Reads topics from the beginning with a throw-away consumer group and keeps every message. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private readonly consumer: Consumer;

  private constructor(kafka: Kafka) {
    this.consumer = kafka.consumer({
      groupId: `test-reader-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
  }

  static async start(brokers: string[], topics: (string | RegExp)[]): Promise<TopicReader> {
    const kafka = new Kafka({ clientId: 'test-reader', brokers, logLevel: logLevel.NOTHING });
    const reader = new TopicReader(kafka);
    // Subscribing to a topic that does not exist yet fails: create named ones first (a no-op if they exist).
    const admin = kafka.admin();
    await admin.connect();
    const named = topics.filter((topic): topic is string => typeof topic === 'string');
    await admin
      .createTopics({ topics: named.map((topic) => ({ topic })) })
      .finally(() => admin.disconnect());
    await reader.consumer.connect();
    await reader.consumer.subscribe({ topics, fromBeginning: true });
    await reader.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        reader.messages.push(toReadMessage(topic, partition, message));
      },
    });
    return reader;
  }

  /** Waits until `predicate` matches `count` messages and returns them in arrival order. */
  async waitFor(
    predicate: (message: ReadMessage) => boolean,
    count = 1,
    timeoutMs = 60_000,
  ): Promise<ReadMessage[]> {
    return expectEventually(
      () => {
        const found = this.messages.filter(predicate);
        if (found.length < count)
          throw new Error(`saw ${found.length} of ${count} expected messages`);
        return found;
      },
      { timeoutMs },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
