import { randomBytes } from 'node:crypto';
import { Partitioners, PartitionMetadata } from 'kafkajs';
import { KeyPartitioner, murmur2 } from './key-partitioner.util';

// kafkajs' own implementation: the reference every producer of a topic must agree with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const referenceMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (
  key: string | Buffer,
) => number;

const partitions = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));

describe('murmur2', () => {
  it('agrees with kafkajs on keys of every length, ASCII and multi-byte', () => {
    const keys: (string | Buffer)[] = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'tenant-7/contact/42',
      'é/ß/東京/🙂',
    ];
    for (let length = 0; length < 300; length += 1) {
      keys.push(randomBytes(length));
      keys.push(randomBytes(length).toString('base64').slice(0, length));
    }
    keys.push('x'.repeat(5000)); // past the scratch buffer
    for (const key of keys) expect(murmur2(key)).toBe(referenceMurmur2(key));
  });
});

describe('KeyPartitioner', () => {
  it("chooses the DefaultPartitioner's partition for keyed messages and honours explicit ones", () => {
    const ours = KeyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 6, 12, 50]) {
      const partitionMetadata = partitions(count);
      for (let i = 0; i < 500; i += 1) {
        const message = { key: `tenant-${i % 7}/contact/${i * 7919}`, value: null };
        expect(ours({ topic: 't', partitionMetadata, message })).toBe(
          theirs({ topic: 't', partitionMetadata, message }),
        );
      }
      const explicit = { key: 'k', value: null, partition: count - 1 };
      expect(ours({ topic: 't', partitionMetadata, message: explicit })).toBe(count - 1);
    }
  });

  it('spreads messages without a key over the partitions', () => {
    const partitioner = KeyPartitioner();
    const partitionMetadata = partitions(4);
    const chosen = new Set(
      Array.from({ length: 40 }, () =>
        partitioner({ topic: 't', partitionMetadata, message: { value: 'v' } }),
      ),
    );
    expect(chosen.size).toBe(4);
  });
});
