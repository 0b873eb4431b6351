import { Logger, LoggerService } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { RawMessage } from '@syncline/cdc';
import { SynclineException } from '@syncline/errors';
import { DEAD_LETTER_HEADERS } from '@syncline/events';
import { RetryPolicy } from '@syncline/resilience';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { KafkaBatchTransportOptions } from '../types/kafka-batch-transport-options.type';
import { KafkaBatch } from '../types/kafka-batch.type';
import { createKafka } from '../utils/create-kafka.util';
import { ensureTopics } from '../utils/ensure-topics.util';
import { isPermanentFailure } from '../utils/is-permanent-failure.util';
import { GroupMembership } from './group-membership';
import { DurableKafkaProducer } from './kafka-producer';
import { PartitionLease } from './partition-lease';

const HEARTBEAT_INTERVAL_MS = 3000;

/**
 * A Nest microservice transport over kafkajs `eachBatch`: the handler bound with
 * `@EventPattern(options.pattern)` receives a whole partition batch and resolves once its effects
 * are durable. Only then are the batch's offsets resolved and committed (at-least-once).
 *
 * Failures, decided by the error's `retriable` flag (startKafkaWorker registers
 * PassThroughRpcExceptionFilter so Nest hands the error on untouched):
 * - a non-retriable SynclineException (bad input): the handler is re-run on halves of the batch
 *   until the poison messages are isolated; those go to `options.deadLetterTopic` with the reason
 *   and source in DEAD_LETTER_HEADERS, everything else is applied, and the partition moves on;
 * - anything else (a retriable SynclineException, a kafkajs/ioredis error, a bug): retried with the
 *   retry policy, from the first message not yet applied, never skipped. Delays are capped at a
 *   third of the session timeout and the wait heartbeats, so a retrying member is not evicted.
 * The batch heartbeats in the background while it works, and stops (without committing) as soon as
 * a rebalance took its partition away (GroupMembership); the new owner redoes it from the last
 * commit. A start that meets a broker outage retries with the same policy instead of failing.
 * On close the batch in hand is finished and committed before the consumer leaves.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  protected override readonly logger: LoggerService = new Logger(KafkaBatchTransport.name);
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private readonly retry: RetryPolicy;
  private readonly membership = new GroupMembership();
  private readonly deadLetters: DurableKafkaProducer;
  private closed = false;
  private wakeStart?: () => void;
  private subscribedTopics = new Set<string>();
  private topicWatch?: NodeJS.Timeout;
  private resubscribing?: Promise<void>;

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.kafka = createKafka(options.brokers, options.clientId);
    this.retry = new RetryPolicy(options.retry);
    this.deadLetters = new DurableKafkaProducer(options.brokers, `${options.clientId}-dlq`, [
      { topic: options.deadLetterTopic, numPartitions: 1 },
    ]);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => {
      this.watchForNewTopics();
      callback();
    }, callback);
  }

  /** Ready means consuming: the consumer runs and has joined its group. */
  isConsuming(): boolean {
    return this.consumer !== undefined && this.membership.joined;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeStart?.();
    clearInterval(this.topicWatch);
    await this.resubscribing;
    // kafkajs waits for the running eachBatch to finish before it leaves the group.
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.deadLetters.disconnect();
  }

  /** Nest's transport contract; this transport has no status stream to offer. */
  on(): never {
    throw new Error('KafkaBatchTransport does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.startConsumer();
        return;
      } catch (error) {
        const consumer = this.consumer;
        this.consumer = undefined;
        await consumer?.disconnect().catch(() => undefined);
        const delayMs = this.retry.delayFor(attempt);
        this.logger.warn(
          `Kafka consumer ${this.options.groupId} could not start (attempt ${attempt}), retrying in ${delayMs}ms: ${describe(error)}`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wakeStart = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async startConsumer(): Promise<void> {
    const { groupId, topics, fromBeginning = true, sessionTimeoutMs = 30_000 } = this.options;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 256 * 1024,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.membership.track(consumer);
    // kafkajs restarts itself after a retriable crash only; after any other, start over here.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.closed || this.consumer !== consumer) return;
      this.logger.error(
        `Kafka consumer ${groupId} crashed for good, starting a new one: ${payload.error.message}`,
      );
      this.consumer = undefined;
      consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start())
        .catch((error: unknown) => {
          this.logger.error(`restart failed: ${describe(error)}`);
        });
    });
    if (this.options.ensureTopics?.length)
      await ensureTopics(this.kafka, this.options.ensureTopics);
    await consumer.connect();
    this.subscribedTopics = new Set(await this.matchingTopics());
    await consumer.subscribe({ topics, fromBeginning });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.logger.log(`consuming ${topics.map(String).join(', ')} as group ${groupId}`);
  }

  /** Existing topics the subscription names or matches. */
  private async matchingTopics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = await admin.listTopics();
      return existing.filter((topic) =>
        this.options.topics.some((wanted) =>
          typeof wanted === 'string' ? wanted === topic : wanted.test(topic),
        ),
      );
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * A pattern subscription follows topics created after it started (`syncctl collections add`):
   * on a new match the consumer leaves and subscribes again (the batch in hand is finished and
   * committed first, as on close).
   */
  private watchForNewTopics(): void {
    if (!this.options.topics.some((topic) => topic instanceof RegExp)) return;
    this.topicWatch = setInterval(() => {
      if (this.resubscribing || this.closed || !this.consumer) return;
      this.resubscribing = this.resubscribeIfNewTopics()
        .catch((error: unknown) => {
          this.logger.warn(`looking for new topics failed, trying again later: ${describe(error)}`);
        })
        .finally(() => {
          this.resubscribing = undefined;
        });
    }, this.options.newTopicCheckMs ?? 30_000);
    this.topicWatch.unref();
  }

  private async resubscribeIfNewTopics(): Promise<void> {
    const fresh = (await this.matchingTopics()).filter(
      (topic) => !this.subscribedTopics.has(topic),
    );
    if (fresh.length === 0 || this.closed) return;
    this.logger.log(`new topics ${fresh.join(', ')}: subscribing again`);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
    await this.start();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const handler = this.getHandlerByPattern(this.options.pattern);
    if (!handler) throw new Error(`no handler for pattern ${this.options.pattern}`);
    const lease = this.membership.lease(payload, HEARTBEAT_INTERVAL_MS);
    const messages: RawMessage[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: stringHeaders(message.headers),
      timestamp: Number(message.timestamp),
    }));
    const base = { topic: batch.topic, partition: batch.partition, lag: Number(batch.offsetLag()) };
    const applied = await lease.keepAlive(() =>
      this.applyWithRetry(handler, base, messages, lease),
    );
    // A rebalance took the partition away: stop; the new owner starts from the last commit.
    if (!applied || !lease.stillOwned()) return;
    payload.resolveOffset(batch.lastOffset());
    try {
      await payload.commitOffsetsIfNecessary();
    } catch (error) {
      // The effects are durable; an uncommitted batch is redone (at-least-once), never lost.
      if (!this.membership.onKafkaError(error))
        this.logger.warn(
          `commit of ${batch.topic}[${batch.partition}] failed, kafkajs commits it later: ${describe(error)}`,
        );
      return;
    }
    await lease.heartbeat();
  }

  /** Resolves true once every message is applied or dead-lettered, false if the partition was lost. */
  private async applyWithRetry(
    handler: MessageHandler,
    base: Omit<KafkaBatch, 'messages'>,
    messages: RawMessage[],
    lease: PartitionLease,
  ): Promise<boolean> {
    const progress = { done: 0 };
    const maxDelayMs = Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 3);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applySegment(handler, base, messages.slice(progress.done), progress);
        return true;
      } catch (error) {
        if (!lease.stillOwned()) return false;
        const delayMs = Math.min(this.retry.delayFor(attempt), maxDelayMs);
        const where = `${base.topic}[${base.partition}]@${messages[progress.done].offset}`;
        if (
          error instanceof SynclineException ||
          (error instanceof Error && error.name.startsWith('KafkaJS'))
        )
          this.logger.warn(
            `batch ${where} failed (attempt ${attempt}), retrying in ${delayMs}ms: ${describe(error)}`,
          );
        else
          // Not a SynclineException: an outage of something the handler uses, or a bug. Retried
          // like an outage (dropping data on a bug would be worse), but loudly.
          this.logger.error(
            `batch ${where} failed with an unexpected error (attempt ${attempt}), retrying in ${delayMs}ms: ${describe(error, true)}`,
          );
        if (!(await lease.wait(delayMs))) return false;
      }
    }
  }

  /**
   * Applies `segment`; on a permanent failure splits it in halves, in offset order, until the
   * failing messages stand alone, and dead-letters those. `progress.done` counts the messages
   * behind us, so a retry after an outage resumes where this stopped.
   */
  private async applySegment(
    handler: MessageHandler,
    base: Omit<KafkaBatch, 'messages'>,
    segment: RawMessage[],
    progress: { done: number },
  ): Promise<void> {
    try {
      await lastValueFrom(
        this.transformToObservable(await handler({ ...base, messages: segment })),
        {
          defaultValue: undefined,
        },
      );
      progress.done += segment.length;
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      if (segment.length === 1) {
        await this.deadLetter(segment[0], error);
        progress.done += 1;
        return;
      }
      const middle = Math.ceil(segment.length / 2);
      await this.applySegment(handler, base, segment.slice(0, middle), progress);
      await this.applySegment(handler, base, segment.slice(middle), progress);
    }
  }

  private async deadLetter(
    message: RawMessage,
    error: { code: string; message: string },
  ): Promise<void> {
    await this.deadLetters.send(this.options.deadLetterTopic, [
      {
        key: message.key,
        value: message.value,
        headers: {
          [DEAD_LETTER_HEADERS.reason]: error.code,
          [DEAD_LETTER_HEADERS.message]: error.message.slice(0, 2000),
          [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
          [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
          [DEAD_LETTER_HEADERS.stage]: this.options.clientId,
        },
      },
    ]);
    this.logger.warn(
      `dead-lettered ${message.topic}[${message.partition}]@${message.offset} to ${this.options.deadLetterTopic}: ${error.code} ${error.message}`,
    );
  }
}

function describe(error: unknown, withStack = false): string {
  if (error instanceof Error)
    return withStack && error.stack ? error.stack : `${error.name}: ${error.message}`;
  // Nest's default RPC filter turns any error into this shape: the flag was lost on the way.
  return `${JSON.stringify(error)} (not an Error: is PassThroughRpcExceptionFilter registered?)`;
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
