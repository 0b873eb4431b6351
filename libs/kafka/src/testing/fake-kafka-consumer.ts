import { EachBatchPayload } from 'kafkajs';

export interface FakeKafkaConsumerHooks {
  /** What `run()` announces as this member's assignment (topic -> partitions). */
  assignment: Record<string, number[]>;
  /** Called by `connect()`; throw to simulate an unreachable broker. */
  onConnect?: () => void;
}

/**
 * An in-memory kafkajs consumer for unit tests (no broker): it hands batches to the code under
 * test through `eachBatch` and records what that code does with it. Like kafkajs, pause, resume
 * and seek throw while no consumer group runs (before run(), and between a crash and kafkajs'
 * own restart). Test-only: excluded from the build.
 */
export class FakeKafkaConsumer {
  readonly events = {
    GROUP_JOIN: 'consumer.group_join',
    REBALANCING: 'consumer.rebalancing',
    CRASH: 'consumer.crash',
    STOP: 'consumer.stop',
  };
  eachBatch?: (payload: EachBatchPayload) => Promise<void>;
  private readonly listeners = new Map<string, ((event: { payload: unknown }) => void)[]>();
  private groupRunning = false;
  connect = jest.fn(async () => this.hooks.onConnect?.());
  subscribe = jest.fn(async (_subscription: unknown) => undefined);
  disconnect = jest.fn(async () => undefined);
  pause = jest.fn((_partitions: unknown) => this.requireGroup());
  resume = jest.fn((_partitions: unknown) => this.requireGroup());
  seek = jest.fn((_position: unknown) => this.requireGroup());
  run = jest.fn(async ({ eachBatch }: { eachBatch: (p: EachBatchPayload) => Promise<void> }) => {
    this.eachBatch = eachBatch;
    this.groupRunning = true;
    this.emit('consumer.group_join', { memberAssignment: this.hooks.assignment });
  });

  constructor(
    readonly config: Record<string, unknown>,
    private readonly hooks: FakeKafkaConsumerHooks,
  ) {}

  /** A retriable crash (broker gone): kafkajs stops the group and restarts it later by itself. */
  crashAndRestartLater(): void {
    this.groupRunning = false;
    this.emit('consumer.crash', { error: new Error('Connection error'), restart: true });
  }

  on(event: string, listener: (event: { payload: unknown }) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener({ payload });
  }

  private requireGroup(): void {
    if (!this.groupRunning)
      throw new Error('Consumer group was not initialized, consumer#run must be called first');
  }
}
