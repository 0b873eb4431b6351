import { ControlPlaneSnapshot } from '@syncline/control-plane';
import { encodeRecordChangedNotice, RecordChangedNotice } from '@syncline/events';
import { NotificationEventRecorder } from '@syncline/notifications';
import { MetricsRegistry } from '@syncline/observability';
import { RetryPolicy } from '@syncline/resilience';
import { EachBatchPayload } from 'kafkajs';
import { TroubleReporter } from '../notify/trouble-reporter.service';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { DeliveryOutcome } from '../types/delivery-outcome.type';
import { DeliveryProgress } from '../types/delivery-progress.type';
import { DeliverRecordsUseCase } from './deliver-records.usecase';
import { FakeKafkaConsumer } from '../../../../libs/kafka/src/testing/fake-kafka-consumer';
import { DestinationSender } from './destination-sender.service';

// kafkajs is an in-memory fake (no broker in unit tests).
const mockKafka = {
  consumers: [] as FakeKafkaConsumer[],
  connectFailures: 0,
  consumer: (config: Record<string, unknown>) => {
    const consumer = new FakeKafkaConsumer(config, {
      assignment: { [QUEUE]: [0, 1] },
      onConnect: () => {
        if (mockKafka.connectFailures-- > 0)
          throw new Error('Connection error: connect ECONNREFUSED');
      },
    });
    mockKafka.consumers.push(consumer);
    return consumer;
  },
};
jest.mock('@syncline/kafka', () => ({
  ...jest.requireActual<object>('@syncline/kafka'),
  createKafka: () => mockKafka,
}));

const DESTINATION_ID = '0b7c3f9e-1f8e-4c39-9d4a-3f1f0e2d7a11';
const QUEUE = `test.delivery.${DESTINATION_ID}`;
const destination = { id: DESTINATION_ID, kind: 'hubspot', paused: false };

function notice(id: string, version: number): RecordChangedNotice {
  return { tenant: 't1', entity: 'contact', id, version, op: 'upsert', observedAt: 0 };
}

function fakePayload(heartbeat: () => Promise<void> = async () => undefined) {
  return {
    batch: {
      topic: QUEUE,
      partition: 0,
      messages: [notice('a', 1), notice('b', 2)].map((n, index) => ({
        offset: String(40 + index),
        key: Buffer.from(n.id),
        value: encodeRecordChangedNotice(n),
        headers: {},
      })),
      firstOffset: () => '40',
      lastOffset: () => '41',
      offsetLag: () => '0',
    },
    resolveOffset: jest.fn(),
    commitOffsetsIfNecessary: jest.fn(async () => undefined),
    heartbeat: jest.fn(heartbeat),
    isRunning: () => true,
    isStale: () => false,
  };
}

describe(DestinationSender.name, () => {
  let sender: DestinationSender;
  let execute: jest.Mock<
    Promise<DeliveryOutcome>,
    [typeof destination, RecordChangedNotice[], DeliveryProgress?]
  >;

  let registry: MetricsRegistry;

  async function startSender(): Promise<FakeKafkaConsumer> {
    registry = new MetricsRegistry('test');
    const snapshot = {
      onChange: () => undefined,
      destinations: () => [destination],
      destination: (id: string) => (id === DESTINATION_ID ? destination : undefined),
      refresh: async () => undefined,
    } as unknown as ControlPlaneSnapshot;
    sender = new DestinationSender(
      {
        brokers: ['fake:9092'],
        groupId: 'test-sender',
        topicPrefix: 'test',
        startRetry: new RetryPolicy({ initialDelayMs: 1, jitter: 0 }),
      },
      snapshot,
      { execute } as unknown as DeliverRecordsUseCase,
      new DeliveryWorkerMetrics(registry),
      async () => undefined,
      new TroubleReporter(
        { record: async () => undefined } as unknown as NotificationEventRecorder,
        { heldThresholdMs: 60_000, apiUrl: '' },
      ),
    );
    await sender.start();
    return mockKafka.consumers[mockKafka.consumers.length - 1];
  }

  beforeEach(() => {
    mockKafka.consumers = [];
    mockKafka.connectFailures = 0;
    execute = jest.fn(
      async (
        _d: typeof destination,
        _n: RecordChangedNotice[],
        _p?: DeliveryProgress,
      ): Promise<DeliveryOutcome> => ({ done: true }),
    );
  });

  afterEach(async () => {
    jest.useRealTimers();
    await sender?.stop();
  });

  it('delivers a batch and commits past it', async () => {
    const consumer = await startSender();
    const payload = fakePayload();

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0][1].map((n) => n.id)).toEqual(['a', 'b']);
    expect(payload.resolveOffset).toHaveBeenCalledWith('41');
    expect(payload.commitOffsetsIfNecessary).toHaveBeenCalled();
  });

  it("leaves no lag behind for a deleted destination's queue (lag is sampled per live group, not per batch)", async () => {
    const consumer = await startSender();
    const deletedQueue = 'test.delivery.6f1d2c3b-0000-4000-8000-00000000dead';
    const payload = fakePayload();
    payload.batch.topic = deletedQueue;
    payload.batch.offsetLag = () => '5';

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(execute).not.toHaveBeenCalled();
    expect(payload.resolveOffset).toHaveBeenCalledWith('41');
    expect((await registry.render()).body).not.toContain(deletedQueue);
  });

  it('gives the use case a progress whose heartbeat reaches kafkajs and never rejects', async () => {
    const consumer = await startSender();
    const payload = fakePayload(async () => {
      throw Object.assign(new Error('Connection error: ECONNREFUSED'), {
        name: 'KafkaJSConnectionError',
      });
    });
    execute.mockImplementation(async (_d, _n, progress) => {
      await progress!.heartbeat();
      expect(progress!.stillOwned()).toBe(true);
      return { done: true };
    });

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(payload.heartbeat).toHaveBeenCalled();
    expect(payload.resolveOffset).toHaveBeenCalledWith('41');
  });

  it('heartbeats while a long delivery runs, even if the use case never does', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const consumer = await startSender();
    const payload = fakePayload();
    let finish!: () => void;
    execute.mockImplementation(
      () => new Promise<DeliveryOutcome>((resolve) => (finish = () => resolve({ done: true }))),
    );

    const batch = consumer.eachBatch!(payload as unknown as EachBatchPayload);
    // A rate-limit wait plus a 30 s CRM call: longer than kafkajs' default session timeout.
    await jest.advanceTimersByTimeAsync(40_000);
    finish();
    await batch;

    expect(payload.heartbeat.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(payload.resolveOffset).toHaveBeenCalledWith('41');
  });

  it('neither commits nor holds a batch whose partition a rebalance took away mid-delivery', async () => {
    const consumer = await startSender();
    const payload = fakePayload(async () => {
      throw Object.assign(new Error('The group is rebalancing'), {
        name: 'KafkaJSProtocolError',
        type: 'REBALANCE_IN_PROGRESS',
      });
    });
    let ownedAfterHeartbeat: boolean | undefined;
    execute.mockImplementation(async (_d, _n, progress) => {
      await progress!.heartbeat();
      ownedAfterHeartbeat = progress!.stillOwned();
      // What the use case would do when it can no longer deliver now: ask for the batch back.
      return { done: false, holdMs: 1000, reason: 'rate_limited' };
    });

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(ownedAfterHeartbeat).toBe(false);
    expect(payload.resolveOffset).not.toHaveBeenCalled();
    expect(payload.commitOffsetsIfNecessary).not.toHaveBeenCalled();
    expect(consumer.seek).not.toHaveBeenCalled();
  });

  it('stops working a partition that a new assignment gave to another replica', async () => {
    const consumer = await startSender();
    const payload = fakePayload();
    let owned: boolean | undefined;
    execute.mockImplementation(async (_d, _n, progress) => {
      consumer.emit('consumer.group_join', { memberAssignment: { [QUEUE]: [1] } });
      owned = progress?.stillOwned();
      return { done: true };
    });

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(owned).toBe(false);
    expect(payload.commitOffsetsIfNecessary).not.toHaveBeenCalled();
  });

  it('bounds the work of one batch: small fetches per partition, few partitions at once', async () => {
    const consumer = await startSender();

    expect(consumer.config.maxBytesPerPartition).toBeLessThanOrEqual(64 * 1024);
    // Long enough for a revoked batch to finish its current CRM call before it must rejoin.
    expect(consumer.config.rebalanceTimeout).toBeGreaterThanOrEqual(90_000);
    expect(consumer.run.mock.calls[0][0]).toMatchObject({ partitionsConsumedConcurrently: 4 });
  });

  it('survives a held partition coming due while kafkajs restarts a crashed consumer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const consumer = await startSender();
    execute.mockResolvedValue({ done: false, holdMs: 1000, reason: 'circuit' });
    await consumer.eachBatch!(fakePayload() as unknown as EachBatchPayload);
    expect(consumer.pause).toHaveBeenCalled();

    // The broker goes away during the hold; the resume timer fires before kafkajs restarted.
    consumer.crashAndRestartLater();
    await jest.advanceTimersByTimeAsync(2000);

    // The restarted group starts unpaused from the last commit: nothing to resume, nothing thrown.
    expect(consumer.resume).toHaveBeenCalledTimes(1);
    expect(mockKafka.consumers).toHaveLength(1);
  });

  it('keeps trying to start while the broker is unreachable, then reports consuming', async () => {
    mockKafka.connectFailures = 2;
    await startSender();

    expect(mockKafka.consumers).toHaveLength(3);
    expect(sender.isConsuming()).toBe(true);
  });
});
