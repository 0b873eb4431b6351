import { randomUUID } from 'node:crypto';
import { ConsumerLagReader } from '@syncline/pipeline-health';
import { Kafka, logLevel } from 'kafkajs';
import { expectEventually } from '../support/expect-eventually';
import { stackEnv } from '../support/stack-env';

// Lag and oldest-unapplied age as the workers sample them, on the real broker: committed offsets
// set through the admin API, messages produced with their own timestamps.

const env = stackEnv();
const kafka = new Kafka({
  clientId: 'consumer-lag-test',
  brokers: env.SYNCLINE_KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const run = randomUUID().slice(0, 8);
const group = `lag-test-${run}`;
const backlog = `lag-test.${run}.backlog`;
const leftover = `lag-test.${run}.leftover`;
const reader = new ConsumerLagReader(kafka);
const target = (topic: string, destination = '') => ({ topic, collection: 'thing', destination });

beforeAll(async () => {
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({
    topics: [backlog, leftover].map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  const oneMinuteAgo = String(Date.now() - 60_000);
  await producer.send({
    topic: backlog,
    messages: [
      ...Array.from({ length: 10 }, (_, i) => ({
        partition: 0,
        value: `p0-${i}`,
        timestamp: oneMinuteAgo,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ partition: 1, value: `p1-${i}` })),
    ],
  });
  await producer.send({ topic: leftover, messages: [{ partition: 0, value: 'left behind' }] });
  // The group applied the first 4 messages of partition 0, none of partition 1 yet.
  await admin.setOffsets({
    groupId: group,
    topic: backlog,
    partitions: [{ partition: 0, offset: '4' }],
  });
  await admin.setOffsets({
    groupId: group,
    topic: leftover,
    partitions: [{ partition: 0, offset: '0' }],
  });
});

afterAll(async () => {
  await reader.close();
  await admin.deleteTopics({ topics: [backlog, leftover] }).catch(() => undefined);
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

describe(ConsumerLagReader.name, () => {
  it('counts the messages past the committed offsets and ages the oldest of them', async () => {
    const [lag] = await reader.read(group, [target(backlog)]);
    expect(lag).toMatchObject({ group, topic: backlog, collection: 'thing', lagMessages: 6 + 5 });
    // Partition 0's next unapplied message was produced a minute ago: the oldest wins.
    expect(lag.oldestUnappliedAgeSeconds).toBeGreaterThanOrEqual(60);
  });

  it('shows a real backlog growing older while nothing is applied', async () => {
    const [first] = await reader.read(group, [target(backlog)]);
    await expectEventually(async () => {
      const [later] = await reader.read(group, [target(backlog)]);
      expect(later.lagMessages).toBe(first.lagMessages);
      expect(later.oldestUnappliedAgeSeconds).toBeGreaterThan(first.oldestUnappliedAgeSeconds!);
    });
  });

  it('reports only the topics it is asked about: a leftover or deleted queue shows no lag', async () => {
    const deleted = `lag-test.${run}.deleted`;
    const lags = await reader.read(group, [target(backlog), target(deleted, 'gone')]);
    expect(lags.map((l) => l.topic)).toEqual([backlog]);
    // The group still holds offsets on `leftover` (1 message behind), which nobody asked about.
    const held = await admin.fetchOffsets({ groupId: group, topics: [leftover] });
    expect(held[0].partitions.find((p) => p.partition === 0)?.offset).toBe('0');
  });

  it('reports 0 and age 0 once the group committed everything', async () => {
    const ends = await admin.fetchTopicOffsets(backlog);
    await admin.setOffsets({
      groupId: group,
      topic: backlog,
      partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
    });
    expect(await reader.read(group, [target(backlog)])).toEqual([
      expect.objectContaining({ lagMessages: 0, oldestUnappliedAgeSeconds: 0 }),
    ]);
  });

  it('rejects while the broker is unreachable (the sampler counts it and logs it once)', async () => {
    const nowhere = new ConsumerLagReader(
      new Kafka({
        clientId: 'nowhere',
        brokers: ['127.0.0.1:1'],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
        connectionTimeout: 500,
      }),
    );
    await expect(nowhere.read(group, [target(backlog)])).rejects.toThrow(/ECONNREFUSED|Connection/);
  });
});
