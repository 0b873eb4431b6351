import { Logger } from '@nestjs/common';
import { ControlPlaneSnapshot } from '@syncline/control-plane';
import {
  DEAD_LETTER_HEADERS,
  decodeRecordChangedNotice,
  RecordChangedNotice,
  TOPICS,
} from '@syncline/events';
import { createKafka } from '@syncline/kafka';
import { RetryPolicy } from '@syncline/resilience';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliverRecordsUseCase } from './deliver-records.usecase';

export interface DestinationSenderOptions {
  brokers: string[];
  groupId: string;
  topicPrefix: string;
  partitionsConsumedConcurrently?: number;
  /** Fetches wait up to this long for 64 kB of tasks: changes to one record coalesce. */
  lingerMs?: number;
}

/** How soon a paused destination is looked at again. */
const PAUSED_RECHECK_MS = 2000;

/**
 * Consumes every destination's delivery queue in one consumer group. A destination that cannot
 * take its batch now (paused, rate limited, circuit open, down) gets that partition put back: the
 * consumer seeks to the batch's first offset (so nothing is committed past it) and pauses the
 * partition until the hold ends, while other destinations' partitions keep flowing (isolation).
 * New destinations' queues are picked up by re-subscribing when the control plane changes.
 */
export class DestinationSender {
  private readonly logger = new Logger(DestinationSender.name);
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private subscribed = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private restarting: Promise<void> = Promise.resolve();
  private readonly errorBackoff = new RetryPolicy({ initialDelayMs: 1000, maxDelayMs: 30_000 });
  private readonly errorStreak = new Map<string, number>();

  constructor(
    private readonly options: DestinationSenderOptions,
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly deliver: DeliverRecordsUseCase,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly ensureQueues: (topics: string[]) => Promise<void>,
  ) {
    this.kafka = createKafka(options.brokers, 'delivery-worker');
  }

  async start(): Promise<void> {
    this.snapshot.onChange(() => {
      this.restarting = this.restarting
        .then(() => this.restartIfNewQueues())
        .catch((error: unknown) => this.logger.error(`re-subscribe failed: ${String(error)}`));
    });
    await this.restartIfNewQueues();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.restarting;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private queues(): string[] {
    return this.snapshot
      .destinations()
      .map((destination) => TOPICS.deliveryTasks(this.options.topicPrefix, destination.id));
  }

  private async restartIfNewQueues(): Promise<void> {
    const queues = this.queues();
    // A deleted destination's queue is deleted too: stay subscribed to it and the consumer crashes.
    const same =
      queues.length === this.subscribed.size && queues.every((q) => this.subscribed.has(q));
    if (same && this.consumer) return;
    await this.consumer?.disconnect();
    this.consumer = undefined;
    if (queues.length === 0) return;
    await this.ensureQueues(queues);
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      minBytes: 64 * 1024,
      maxWaitTimeInMs: this.options.lingerMs ?? 500,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: queues, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 8,
      eachBatch: (payload) => this.onBatch(consumer, payload),
    });
    this.consumer = consumer;
    this.subscribed = new Set(queues);
    this.logger.log(`delivering for ${queues.length} destinations`);
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const destinationId = batch.topic.slice(batch.topic.lastIndexOf('.') + 1);
    const destination = this.snapshot.destination(destinationId);
    this.metrics.lag.set(
      { topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    if (!destination) {
      // The destination was deleted: its queue has nobody to deliver to.
      payload.resolveOffset(batch.lastOffset());
      return;
    }
    if (destination.paused) {
      this.metrics.throttled.inc({ destination: destination.id, reason: 'paused' });
      return this.hold(consumer, payload, PAUSED_RECHECK_MS);
    }

    // A replay usually follows a mapping fix: make sure this worker sees the fixed mapping.
    if (
      batch.messages.some(
        (message) => message.headers?.[DEAD_LETTER_HEADERS.replayed] !== undefined,
      )
    ) {
      await this.snapshot.refresh();
    }
    const notices: RecordChangedNotice[] = [];
    for (const message of batch.messages) {
      try {
        notices.push(decodeRecordChangedNotice(message.value ?? Buffer.alloc(0)));
      } catch {
        // The router only enqueues notices it could decode; anything else is not ours to deliver.
        this.logger.warn(
          `skipping an undecodable task at ${batch.topic}[${batch.partition}]@${message.offset}`,
        );
      }
    }
    try {
      const outcome = await this.deliver.execute(destination, notices);
      if (outcome.done === false) {
        this.logger.warn(
          `destination ${destination.id} (${destination.kind}) held for ${outcome.holdMs}ms: ${outcome.reason}`,
        );
        return this.hold(consumer, payload, outcome.holdMs);
      }
      this.errorStreak.delete(destination.id);
    } catch (error) {
      // Cache, log or describe unavailable, or a bug: redo the batch later, never skip it.
      const streak = (this.errorStreak.get(destination.id) ?? 0) + 1;
      this.errorStreak.set(destination.id, streak);
      const holdMs = this.errorBackoff.delayFor(streak);
      this.logger.error(
        `delivery to ${destination.id} failed, retrying in ${holdMs}ms: ${error instanceof Error ? error.message : String(error)}`,
      );
      return this.hold(consumer, payload, holdMs);
    }
    if (!payload.isRunning() || payload.isStale()) return;
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
  }

  /** Puts the batch back: seek to its first offset (nothing past it is committed), pause, resume later. */
  private hold(consumer: Consumer, { batch }: EachBatchPayload, holdMs: number): void {
    const topicPartition = { topic: batch.topic, partitions: [batch.partition] };
    consumer.pause([topicPartition]);
    consumer.seek({
      topic: batch.topic,
      partition: batch.partition,
      offset: batch.firstOffset() ?? batch.messages[0].offset,
    });
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (this.consumer === consumer) consumer.resume([topicPartition]);
      },
      Math.max(50, Math.min(holdMs, 60_000)),
    );
    this.timers.add(timer);
  }
}
