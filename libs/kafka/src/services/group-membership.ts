import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload } from 'kafkajs';
import { PartitionLease } from './partition-lease';

/** Heartbeat / commit answers that mean this member no longer owns what it was assigned. */
const LOST_MEMBERSHIP = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/**
 * What this consumer owns right now. kafkajs' `isStale()` only says "a seek is pending"; it does
 * not say that a rebalance took the partition away. kafkajs rebalances eagerly (every partition
 * is revoked, then reassigned), so ownership is: the generation the batch started in is still the
 * current one, and the partition is in that generation's assignment. A generation ends on a
 * rebalance seen by kafkajs (REBALANCING), a heartbeat or commit answered REBALANCE_IN_PROGRESS /
 * ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID, a crash or a stop; a new one starts on GROUP_JOIN.
 */
export class GroupMembership {
  private readonly logger = new Logger(GroupMembership.name);
  private generation = 0;
  private assigned = new Set<string>();
  private consuming = false;

  /** Call before `consumer.run()`, so the first GROUP_JOIN is seen. */
  track(consumer: Consumer): void {
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, ({ payload }) => {
      this.generation++;
      this.assigned = new Set(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => partitionKey(topic, partition)),
        ),
      );
      this.consuming = true;
    });
    consumer.on(REBALANCING, () => this.revokeAll('the group is rebalancing'));
    consumer.on(CRASH, ({ payload }) => {
      this.consuming = false;
      this.revokeAll(`the consumer crashed: ${payload.error.message}`);
    });
    consumer.on(STOP, () => {
      this.consuming = false;
      this.revokeAll('the consumer stopped');
    });
  }

  /** Readiness: joined its group, and not crashed or stopped since (a rebalance does not count). */
  get joined(): boolean {
    return this.consuming;
  }

  /** A handle on one batch's partition for as long as its generation lasts. */
  lease(payload: EachBatchPayload, heartbeatIntervalMs: number): PartitionLease {
    const { topic, partition } = payload.batch;
    const generation = this.generation;
    return new PartitionLease(
      payload,
      () => this.generation === generation && this.assigned.has(partitionKey(topic, partition)),
      (error) => this.onKafkaError(error),
      heartbeatIntervalMs,
    );
  }

  /** Ends the generation when a heartbeat or commit says the membership is gone. */
  onKafkaError(error: unknown): boolean {
    const type = (error as { type?: unknown } | undefined)?.type;
    if (typeof type === 'string' && LOST_MEMBERSHIP.has(type)) {
      this.revokeAll(`the coordinator answered ${type}`);
      return true;
    }
    return false;
  }

  private revokeAll(reason: string): void {
    if (this.assigned.size > 0)
      this.logger.warn(`partitions of generation ${this.generation} revoked: ${reason}`);
    this.generation++;
    this.assigned = new Set();
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
