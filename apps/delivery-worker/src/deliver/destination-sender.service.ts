import { Logger } from '@nestjs/common';
import { ControlPlaneSnapshot } from '@syncline/control-plane';
import {
  DEAD_LETTER_HEADERS,
  decodeRecordChangedNotice,
  RecordChangedNotice,
  TOPICS,
} from '@syncline/events';
import { createKafka, GroupMembership, PartitionLease } from '@syncline/kafka';
import { RetryPolicy } from '@syncline/resilience';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { TroubleReporter } from '../notify/trouble-reporter.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryProgress } from '../types/delivery-progress.type';
import { DeliverRecordsUseCase } from './deliver-records.usecase';

export interface DestinationSenderOptions {
  brokers: string[];
  groupId: string;
  topicPrefix: string;
  partitionsConsumedConcurrently?: number;
  /** Fetches wait up to this long for 64 kB of tasks: changes to one record coalesce. */
  lingerMs?: number;
  /** Largest fetch per partition: bounds one batch's work (a few CRM calls, not minutes of them). */
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** How a failed start (broker unreachable) is retried. */
  startRetry?: RetryPolicy;
}

/** How soon a paused destination is looked at again. */
const PAUSED_RECHECK_MS = 2000;
const HEARTBEAT_INTERVAL_MS = 3000;
const REBALANCE_TIMEOUT_MS = 120_000;

/**
 * Consumes every destination's delivery queue in one consumer group. A destination that cannot
 * take its batch now (paused, rate limited, circuit open, down) gets that partition put back: the
 * consumer seeks to the batch's first offset (so nothing is committed past it) and pauses the
 * partition until the hold ends, while other destinations' partitions keep flowing (isolation).
 * New destinations' queues are picked up by re-subscribing when the control plane changes.
 *
 * A batch holds a lease on its partition (GroupMembership): it heartbeats in the background and
 * hands the lease to the use case (DeliveryProgress) so waits and calls keep the member alive and
 * stop once a rebalance gave the partition to another replica; a batch whose partition was
 * revoked neither commits nor holds (the new owner redoes it from the last commit, state-based,
 * so the newest state still lands last). Batches are bounded by `maxBytesPerPartition`.
 * A start that meets a broker outage is retried with backoff; `isConsuming()` is readiness.
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
  private readonly startRetry: RetryPolicy;
  private membership = new GroupMembership();
  private started = false;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly options: DestinationSenderOptions,
    private readonly snapshot: ControlPlaneSnapshot,
    private readonly deliver: DeliverRecordsUseCase,
    private readonly metrics: DeliveryWorkerMetrics,
    private readonly ensureQueues: (topics: string[]) => Promise<void>,
    private readonly trouble: TroubleReporter,
  ) {
    this.kafka = createKafka(options.brokers, 'delivery-worker');
    this.startRetry = options.startRetry ?? new RetryPolicy();
  }

  /** Starts consuming; resolves once consuming (or stopped), retrying while the broker is unreachable. */
  async start(): Promise<void> {
    this.snapshot.onChange(() => this.resubscribe());
    this.resubscribe();
    await this.restarting;
  }

  /** Ready means consuming: every destination's queue is subscribed and the group joined. */
  isConsuming(): boolean {
    if (!this.started || this.stopped) return false;
    if (!this.consumer) return this.queues().length === 0;
    return this.membership.joined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    for (const timer of this.timers) clearTimeout(timer);
    await this.restarting;
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private resubscribe(): void {
    this.restarting = this.restarting.then(() => this.restartWithRetry());
  }

  /** Never rejects: a failed (re)start is retried with backoff until it works or the sender stops. */
  private async restartWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.restartIfNewQueues();
        this.started = true;
        return;
      } catch (error) {
        const delayMs = this.startRetry.delayFor(attempt);
        this.logger.warn(
          `delivery consumer could not (re)start (attempt ${attempt}), retrying in ${delayMs}ms: ${error instanceof Error ? error.message : String(error)}`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
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
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 64 * 1024,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      // kafkajs rebalances eagerly: a member rejoins only once its batches returned. A revoked
      // batch stops after its current CRM call (DeliveryProgress.stillOwned), but one call may
      // take the 30 s call timeout plus a rate-limit wait: give it that before evicting it.
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      allowAutoTopicCreation: false,
    });
    const membership = new GroupMembership();
    membership.track(consumer);
    // kafkajs restarts itself after a retriable crash only; after any other, start over here.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped || this.consumer !== consumer) return;
      this.logger.error(
        `delivery consumer crashed for good, starting a new one: ${payload.error.message}`,
      );
      this.consumer = undefined;
      this.restarting = this.restarting
        .then(() => consumer.disconnect())
        .catch(() => undefined)
        .then(() => this.restartWithRetry());
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: queues, fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
        eachBatch: (payload) => this.onBatch(consumer, payload, membership),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
    this.membership = membership;
    this.subscribed = new Set(queues);
    this.logger.log(`delivering for ${queues.length} destinations`);
  }

  private async onBatch(
    consumer: Consumer,
    payload: EachBatchPayload,
    membership: GroupMembership,
  ): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const destinationId = batch.topic.slice(batch.topic.lastIndexOf('.') + 1);
    const destination = this.snapshot.destination(destinationId);
    if (!destination) {
      // The destination was deleted: its queue has nobody to deliver to.
      payload.resolveOffset(batch.lastOffset());
      return;
    }
    if (destination.paused) {
      this.metrics.throttled.inc({ destination: destination.id, reason: 'paused' });
      await this.trouble.held(destination, 'paused');
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
    const lease = membership.lease(payload, HEARTBEAT_INTERVAL_MS);
    const progress: DeliveryProgress = {
      heartbeat: () => lease.heartbeat(),
      stillOwned: () => lease.stillOwned(),
    };
    try {
      const outcome = await lease.keepAlive(() =>
        this.deliver.execute(destination, notices, progress),
      );
      // Revoked mid-batch: the new owner redoes it; neither commit nor hold a partition not ours.
      if (!lease.stillOwned()) return;
      if (outcome.done === false) {
        this.logger.warn(
          `destination ${destination.id} (${destination.kind}) held for ${outcome.holdMs}ms: ${outcome.reason}`,
        );
        await this.trouble.held(destination, outcome.reason);
        return this.hold(consumer, payload, outcome.holdMs);
      }
      this.errorStreak.delete(destination.id);
      this.trouble.recovered(destination.id);
    } catch (error) {
      if (!lease.stillOwned()) return;
      // Cache, log or describe unavailable, or a bug: redo the batch later, never skip it.
      const streak = (this.errorStreak.get(destination.id) ?? 0) + 1;
      this.errorStreak.set(destination.id, streak);
      const holdMs = this.errorBackoff.delayFor(streak);
      this.logger.error(
        `delivery to ${destination.id} failed, retrying in ${holdMs}ms: ${error instanceof Error ? error.message : String(error)}`,
      );
      await this.trouble.failed(destination, error);
      await this.trouble.held(destination, 'failing');
      return this.hold(consumer, payload, holdMs);
    }
    await this.commit(payload, lease, membership);
  }

  private async commit(
    payload: EachBatchPayload,
    lease: PartitionLease,
    membership: GroupMembership,
  ): Promise<void> {
    if (!lease.stillOwned()) return;
    const { batch } = payload;
    payload.resolveOffset(batch.lastOffset());
    try {
      await payload.commitOffsetsIfNecessary();
    } catch (error) {
      // Delivered and logged: an uncommitted batch is redone as no-ops (same payload hash).
      if (!membership.onKafkaError(error))
        this.logger.warn(
          `commit of ${batch.topic}[${batch.partition}] failed, kafkajs commits it later: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
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
        if (this.consumer !== consumer) return;
        try {
          consumer.resume([topicPartition]);
        } catch {
          // kafkajs is restarting the group after a crash (broker gone): the restarted group
          // starts unpaused from the last commit, so there is nothing left to resume.
        }
      },
      Math.max(50, Math.min(holdMs, 60_000)),
    );
    this.timers.add(timer);
  }
}
