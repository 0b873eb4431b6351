import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EachBatchPayload } from 'kafkajs';
import { PassThroughRpcExceptionFilter } from '../filters/pass-through-rpc-exception.filter';
import { FakeKafkaConsumer } from '../testing/fake-kafka-consumer';
import { KafkaBatch } from '../types/kafka-batch.type';
import { KafkaBatchTransport } from './kafka-batch.transport';
import { KafkaBatchTransports } from './kafka-batch-transports';

// kafkajs is replaced by an in-memory fake (no broker in unit tests); Nest is real.
const mockKafka = {
  consumers: [] as FakeKafkaConsumer[],
  consumer: (config: Record<string, unknown>) => {
    const consumer = new FakeKafkaConsumer(config, {
      assignment: { 'record-changed': [0], 'inbound-hints': [0] },
    });
    mockKafka.consumers.push(consumer);
    return consumer;
  },
  admin: () => ({
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => [],
    createTopics: async () => true,
  }),
  producer: () => ({
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async () => [],
  }),
};
jest.mock('../utils/create-kafka.util', () => ({ createKafka: () => mockKafka }));

const handled: { pattern: string; topic: string; offsets: string[] }[] = [];

@Controller()
class TwoGroupsConsumer {
  @EventPattern('notices')
  async onNotices(@Payload() batch: KafkaBatch): Promise<void> {
    handled.push({ pattern: 'notices', topic: batch.topic, offsets: offsetsOf(batch) });
  }

  @EventPattern('hints')
  async onHints(@Payload() batch: KafkaBatch): Promise<void> {
    handled.push({ pattern: 'hints', topic: batch.topic, offsets: offsetsOf(batch) });
  }
}

@Module({ controllers: [TwoGroupsConsumer] })
class TwoGroupsModule {}

const offsetsOf = (batch: KafkaBatch) => batch.messages.map((message) => message.offset);

function payload(topic: string, offsets: number[]) {
  return {
    batch: {
      topic,
      partition: 0,
      messages: offsets.map((offset) => ({
        offset: String(offset),
        key: Buffer.from('k'),
        value: Buffer.from('v'),
        headers: {},
      })),
      firstOffset: () => String(offsets[0]),
      lastOffset: () => String(offsets[offsets.length - 1]),
      offsetLag: () => '0',
    },
    resolveOffset: jest.fn(),
    commitOffsetsIfNecessary: jest.fn(async () => undefined),
    heartbeat: jest.fn(async () => undefined),
    isRunning: () => true,
    isStale: () => false,
  };
}

const transport = (groupId: string, topic: string, pattern: string) =>
  new KafkaBatchTransport({
    brokers: ['fake:9092'],
    clientId: groupId,
    groupId,
    topics: [topic],
    pattern,
    deadLetterTopic: `${topic}.dlq`,
    retry: { initialDelayMs: 1, maxDelayMs: 5, jitter: 0 },
  });

describe(KafkaBatchTransports.name, () => {
  let app: INestMicroservice;
  let strategy: KafkaBatchTransports;

  beforeEach(async () => {
    mockKafka.consumers = [];
    handled.length = 0;
    strategy = new KafkaBatchTransports([
      transport('router', 'record-changed', 'notices'),
      transport('syncline-inbound', 'inbound-hints', 'hints'),
    ]);
    app = await NestFactory.createMicroservice(TwoGroupsModule, { strategy, logger: false });
    app.useGlobalFilters(new PassThroughRpcExceptionFilter());
    await app.listen();
  });

  afterEach(async () => {
    await app.close();
  });

  const consumerOf = (groupId: string) =>
    mockKafka.consumers.find((consumer) => consumer.config.groupId === groupId)!;

  it('runs one consumer per group, each feeding the handler of its own pattern and committing', async () => {
    expect(mockKafka.consumers.map((consumer) => consumer.config.groupId).sort()).toEqual([
      'router',
      'syncline-inbound',
    ]);
    const hints = payload('inbound-hints', [7, 8]);
    const notices = payload('record-changed', [41]);
    await consumerOf('syncline-inbound').eachBatch!(hints as unknown as EachBatchPayload);
    await consumerOf('router').eachBatch!(notices as unknown as EachBatchPayload);
    expect(handled).toEqual([
      { pattern: 'hints', topic: 'inbound-hints', offsets: ['7', '8'] },
      { pattern: 'notices', topic: 'record-changed', offsets: ['41'] },
    ]);
    expect(hints.resolveOffset).toHaveBeenCalledWith('8');
    expect(notices.resolveOffset).toHaveBeenCalledWith('41');
  });

  it('is consuming only once every group has joined, and closes every consumer', async () => {
    expect(strategy.isConsuming()).toBe(true);
    await app.close();
    expect(consumerOf('router').disconnect).toHaveBeenCalled();
    expect(consumerOf('syncline-inbound').disconnect).toHaveBeenCalled();
    expect(strategy.isConsuming()).toBe(false);
    // Something for afterEach to close.
    app = await NestFactory.createMicroservice(TwoGroupsModule, {
      strategy: new KafkaBatchTransports([]),
      logger: false,
    });
  });
});
