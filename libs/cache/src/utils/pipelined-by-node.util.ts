import type { ChainableCommander, Cluster } from 'ioredis';
import { RedisClient } from '../types/redis-client.type';
import { hashSlotOf } from './hash-slot.util';

/** One command of a batch: the key that routes it, and how to add it to a pipeline. */
export interface RoutedCommand {
  key: string;
  add(pipeline: ChainableCommander): void;
}

/**
 * Sends a batch of commands in one pipeline per node (a single instance is one node) and returns
 * their replies in the batch's order; the first failed command's error is thrown. Each command
 * must touch one hash slot (scriptGroups arranges that for multi-key scripts). Nodes come from the
 * client's slot table; a reply that moved meanwhile (a failover) is followed by ioredis or fails
 * the batch, which the caller's retry policy repeats.
 * (ioredis' auto-pipelining cannot route a script whose key count is an argument: it would group
 * it by that count.)
 */
export async function pipelinedByNode(
  redis: RedisClient,
  commands: readonly RoutedCommand[],
): Promise<unknown[]> {
  if (commands.length === 0) return [];
  // A cluster client knows its slots once connected; any command waits for that.
  if (redis.isCluster && (redis as Cluster).slots.length === 0) await redis.ping();
  const byNode = new Map<string, number[]>();
  const slots = redis.isCluster ? (redis as Cluster).slots : undefined;
  commands.forEach((command, index) => {
    const node = slots ? (slots[hashSlotOf(command.key)]?.[0] ?? '?') : '';
    let indexes = byNode.get(node);
    if (!indexes) byNode.set(node, (indexes = []));
    indexes.push(index);
  });
  const replies = new Array<unknown>(commands.length);
  await Promise.all(
    [...byNode.values()].map(async (indexes) => {
      const pipeline = redis.pipeline();
      for (const index of indexes) commands[index].add(pipeline);
      const results = await pipeline.exec();
      if (results === null) throw new Error('redis pipeline was discarded');
      results.forEach(([error, reply], i) => {
        if (error) throw error;
        replies[indexes[i]] = reply;
      });
    }),
  );
  return replies;
}
