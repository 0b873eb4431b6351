import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SynclineException } from '@syncline/errors';
import { DEAD_LETTER_HEADERS } from '@syncline/events';
import { EachBatchPayload, Message } from 'kafkajs';
import { FakeKafkaConsumer } from '../testing/fake-kafka-consumer';
import { PassThroughRpcExceptionFilter } from '../filters/pass-through-rpc-exception.filter';
import { KafkaBatch } from '../types/kafka-batch.type';
import { KafkaBatchTransport } from './kafka-batch.transport';

// kafkajs is replaced by an in-memory fake (no broker in unit tests); Nest is real, so a handler's
// error travels through Nest's exception layer exactly as in the workers.
const mockKafka = {
  consumers: [] as FakeKafkaConsumer[],
  sent: [] as { topic: string; messages: Message[] }[],
  consumer: (config: Record<string, unknown>) => {
    const consumer = new FakeKafkaConsumer(config, {
      assignment: { cdc: [0, 1] },
      onConnect: () => {
        if (mockKafka.connectFailures-- > 0)
          throw new Error('Connection error: connect ECONNREFUSED');
      },
    });
    mockKafka.consumers.push(consumer);
    return consumer;
  },
  connectFailures: 0,
  topics: [] as string[],
  admin: () => ({
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => [...mockKafka.topics],
    createTopics: async () => true,
  }),
  producer: () => ({
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async ({ topic, messages }: { topic: string; messages: Message[] }) => {
      mockKafka.sent.push({ topic, messages });
      return [];
    },
  }),
};
jest.mock('../utils/create-kafka.util', () => ({ createKafka: () => mockKafka }));

class BadInputException extends SynclineException {
  readonly code = 'UNDECODABLE_EVENT';
  readonly retriable = false;
}
class OutageException extends SynclineException {
  readonly code = 'CACHE_UNAVAILABLE';
  readonly retriable = true;
}

/** What the test controller does with each batch: applies it, or throws. */
let behaviour: (batch: KafkaBatch) => void;
const applied: string[] = [];

@Controller()
class TestConsumer {
  @EventPattern('test-batch')
  async onBatch(@Payload() batch: KafkaBatch): Promise<void> {
    behaviour(batch);
    applied.push(...batch.messages.map((message) => message.offset));
  }
}

@Module({ controllers: [TestConsumer] })
class TestModule {}

function fakePayload(
  offsets: number[],
  { heartbeat = async () => undefined }: { heartbeat?: () => Promise<void> } = {},
) {
  const payload = {
    batch: {
      topic: 'cdc',
      partition: 0,
      messages: offsets.map((offset) => ({
        offset: String(offset),
        key: Buffer.from(`k${offset}`),
        value: Buffer.from(`v${offset}`),
        headers: {},
      })),
      firstOffset: () => String(offsets[0]),
      lastOffset: () => String(offsets[offsets.length - 1]),
      offsetLag: () => '0',
    },
    resolveOffset: jest.fn(),
    commitOffsetsIfNecessary: jest.fn(async () => undefined),
    heartbeat: jest.fn(heartbeat),
    isRunning: () => true,
    isStale: () => false,
  };
  return payload;
}

describe(KafkaBatchTransport.name, () => {
  let app: INestMicroservice;
  let consumer: FakeKafkaConsumer;

  async function startApp(topics: (string | RegExp)[] = ['cdc']): Promise<void> {
    const transport = new KafkaBatchTransport({
      brokers: ['fake:9092'],
      clientId: 'test-worker',
      groupId: 'test-group',
      topics,
      newTopicCheckMs: 1000,
      pattern: 'test-batch',
      deadLetterTopic: 'test.dlq',
      retry: { initialDelayMs: 1, maxDelayMs: 5, jitter: 0 },
    });
    app = await NestFactory.createMicroservice(TestModule, { strategy: transport, logger: false });
    // As startKafkaWorker does: without it Nest replaces every error with a plain object.
    app.useGlobalFilters(new PassThroughRpcExceptionFilter());
    await app.listen();
    consumer = mockKafka.consumers[mockKafka.consumers.length - 1];
  }

  beforeEach(() => {
    mockKafka.topics = [];
    mockKafka.consumers = [];
    mockKafka.sent = [];
    mockKafka.connectFailures = 0;
    applied.length = 0;
    behaviour = () => undefined;
  });

  afterEach(async () => {
    await app?.close();
  });

  it('dead-letters only the message a non-retriable error is about, applies the rest, commits past it', async () => {
    await startApp();
    let attempts = 0;
    behaviour = (batch) => {
      attempts++;
      if (batch.messages.some((message) => message.offset === '12'))
        throw new BadInputException('tenant is not a valid key part');
    };
    const payload = fakePayload([10, 11, 12, 13, 14]);

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(applied.sort()).toEqual(['10', '11', '13', '14']);
    expect(mockKafka.sent).toHaveLength(1);
    const [deadLetter] = mockKafka.sent[0].messages;
    expect(mockKafka.sent[0].topic).toBe('test.dlq');
    expect(deadLetter.value?.toString()).toBe('v12');
    expect(deadLetter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'UNDECODABLE_EVENT',
      [DEAD_LETTER_HEADERS.message]: 'tenant is not a valid key part',
      [DEAD_LETTER_HEADERS.sourceTopic]: 'cdc',
      [DEAD_LETTER_HEADERS.sourcePartition]: '0',
      [DEAD_LETTER_HEADERS.sourceOffset]: '12',
      [DEAD_LETTER_HEADERS.stage]: 'test-worker',
    });
    expect(payload.resolveOffset).toHaveBeenCalledWith('14');
    expect(payload.commitOffsetsIfNecessary).toHaveBeenCalled();
    // Bisection, not one call per message and not an endless retry.
    expect(attempts).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(5)) + 1);
  });

  it('retries a retriable error until it clears, never dead-lettering it', async () => {
    await startApp();
    let failures = 3;
    behaviour = () => {
      if (failures-- > 0) throw new OutageException('redis down');
    };
    const payload = fakePayload([1, 2]);

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(applied).toEqual(['1', '2']);
    expect(mockKafka.sent).toEqual([]);
    expect(payload.resolveOffset).toHaveBeenCalledWith('2');
    // Every retry wait heartbeats, so the member is not evicted while it waits.
    expect(payload.heartbeat.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('retries an error that is not a SynclineException (an outage or a bug), never dead-lettering it', async () => {
    await startApp();
    let failures = 2;
    behaviour = () => {
      if (failures-- > 0) throw new TypeError('cannot read properties of undefined');
    };
    const payload = fakePayload([5]);

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(applied).toEqual(['5']);
    expect(mockKafka.sent).toEqual([]);
    expect(payload.resolveOffset).toHaveBeenCalledWith('5');
  });

  it('keeps retrying when a heartbeat fails because the coordinator is unreachable', async () => {
    await startApp();
    let failures = 3;
    behaviour = () => {
      if (failures-- > 0) throw new OutageException('kafka down');
    };
    const payload = fakePayload([7], {
      heartbeat: async () => {
        throw Object.assign(new Error('Connection error: ECONNREFUSED'), {
          name: 'KafkaJSConnectionError',
        });
      },
    });

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(applied).toEqual(['7']);
    expect(payload.resolveOffset).toHaveBeenCalledWith('7');
  });

  it('stops a retrying batch without committing when a heartbeat says the group is rebalancing', async () => {
    await startApp();
    let calls = 0;
    behaviour = () => {
      calls++;
      if (calls < 5) throw new OutageException('redis down');
    };
    const payload = fakePayload([3], {
      heartbeat: async () => {
        throw Object.assign(new Error('The group is rebalancing'), {
          name: 'KafkaJSProtocolError',
          type: 'REBALANCE_IN_PROGRESS',
        });
      },
    });

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(calls).toBe(1);
    expect(payload.resolveOffset).not.toHaveBeenCalled();
    expect(payload.commitOffsetsIfNecessary).not.toHaveBeenCalled();
  });

  it('stops a retrying batch whose partition a new assignment took away', async () => {
    await startApp();
    let calls = 0;
    behaviour = () => {
      calls++;
      // A rebalance happens while the batch fails: partition 0 now belongs to another member.
      if (calls === 1) consumer.emit('consumer.group_join', { memberAssignment: { cdc: [1] } });
      if (calls < 5) throw new OutageException('redis down');
    };
    const payload = fakePayload([3]);

    await consumer.eachBatch!(payload as unknown as EachBatchPayload);

    expect(calls).toBe(1);
    expect(payload.resolveOffset).not.toHaveBeenCalled();
  });

  it('keeps trying to start while the broker is unreachable, and reports consuming once joined', async () => {
    mockKafka.connectFailures = 2;
    await startApp();

    expect(mockKafka.consumers).toHaveLength(3);
    expect(mockKafka.consumers.map((c) => c.connect.mock.calls.length)).toEqual([1, 1, 1]);
    const transport = (app as unknown as { serverInstance: KafkaBatchTransport }).serverInstance;
    expect(transport.isConsuming()).toBe(true);
    consumer.emit('consumer.crash', { error: new Error('KafkaJSNumberOfRetriesExceeded') });
    expect(transport.isConsuming()).toBe(false);
  });
  it('follows a topic created after it started when subscribed by pattern (a table added at run time)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    mockKafka.topics = ['cdc.public.a', 'other'];
    await startApp([/^cdc\./]);
    await jest.advanceTimersByTimeAsync(3000);
    expect(mockKafka.consumers).toHaveLength(1);

    mockKafka.topics.push('cdc.inventory.b');
    await jest.advanceTimersByTimeAsync(1000);

    // The first consumer left (after its batch, as on close); a new one subscribed again.
    expect(consumer.disconnect).toHaveBeenCalled();
    expect(mockKafka.consumers).toHaveLength(2);
    expect(mockKafka.consumers[1].subscribe).toHaveBeenCalledWith({
      topics: [/^cdc\./],
      fromBeginning: true,
    });
    await jest.advanceTimersByTimeAsync(3000);
    expect(mockKafka.consumers).toHaveLength(2);
    jest.useRealTimers();
  });
});
