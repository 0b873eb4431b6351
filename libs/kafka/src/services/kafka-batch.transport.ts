import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { RetryPolicy } from '@syncline/resilience';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { KafkaBatch } from '../types/kafka-batch.type';
import { createKafka } from '../utils/create-kafka.util';
import { ensureTopics } from '../utils/ensure-topics.util';
import { KafkaBatchTransportOptions } from '../types/kafka-batch-transport-options.type';

/**
 * A Nest microservice transport over kafkajs `eachBatch`: the handler bound with
 * `@EventPattern(options.pattern)` receives a whole partition batch and resolves once its effects
 * are durable. Only then are the batch's offsets resolved and committed (at-least-once). A failing
 * batch is retried with the retry policy, never skipped; poison messages are the handler's to
 * dead-letter. On close the batch in hand is finished and committed before the consumer leaves.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.kafka = createKafka(options.brokers, options.clientId);
    this.retry = new RetryPolicy(options.retry);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    // kafkajs waits for the running eachBatch to finish before it leaves the group.
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Nest's transport contract; this transport has no status stream to offer. */
  on(): never {
    throw new Error('KafkaBatchTransport does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { groupId, topics, fromBeginning = true, sessionTimeoutMs = 30_000 } = this.options;
    this.consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: 3000,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    if (this.options.ensureTopics?.length)
      await ensureTopics(this.kafka, this.options.ensureTopics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const handler = this.getHandlerByPattern(this.options.pattern);
    if (!handler) throw new Error(`no handler for pattern ${this.options.pattern}`);
    const kafkaBatch: KafkaBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map((message) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: stringHeaders(message.headers),
      })),
      lag: Number(batch.offsetLag()),
    };
    await this.retry.run(
      async () => {
        await lastValueFrom(this.transformToObservable(await handler(kafkaBatch)), {
          defaultValue: undefined,
        });
      },
      {
        // A rebalance took the partition away: stop; the new owner starts from the last commit.
        shouldContinue: () => payload.isRunning() && !payload.isStale(),
        onRetry: ({ attempt, error, delayMs }) => {
          this.logger.warn(
            `batch ${batch.topic}[${batch.partition}] failed (attempt ${attempt}), retrying in ${delayMs}ms: ${String(error)}`,
          );
          void payload.heartbeat();
        },
      },
    );
    if (!payload.isRunning() || payload.isStale()) return;
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
  }
}

function stringHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return result;
}
