import { Logger } from '@nestjs/common';
import { RedisConfig } from '@syncline/config';
import { createServer } from 'node:net';
import { createRedisClient, duplicateRedisClient } from './create-redis-client.util';

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const secret = (value: string) => ({ reveal: () => value });

describe(createRedisClient.name, () => {
  let logged: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    logged = [];
    spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
  });
  afterEach(() => spy.mockRestore());

  it('logs a connection error through the app logger instead of leaving it unhandled', async () => {
    const port = await unusedPort(); // nobody listens: connection attempts fail
    const config = { url: secret(`redis://127.0.0.1:${port}`), clusterNodes: [] };

    const redis = createRedisClient(config as unknown as RedisConfig, 'spec');
    try {
      expect(redis.isCluster).toBe(false);
      await new Promise<void>((resolve) => redis.once('error', () => resolve()));
      expect(logged.join('\n')).toMatch(/Redis connection "spec".*ECONNREFUSED/);
    } finally {
      redis.disconnect();
    }
  });

  it('connects as a cluster client to the configured seed nodes, and logs their failures', async () => {
    const port = await unusedPort();
    const config = {
      url: secret('redis://127.0.0.1:1'),
      clusterNodes: [secret(`redis://127.0.0.1:${port}`)],
    };

    const redis = createRedisClient(config as unknown as RedisConfig, 'spec-cluster');
    const copy = duplicateRedisClient(redis, 'spec-copy');
    try {
      expect(redis.isCluster).toBe(true);
      expect(copy.isCluster).toBe(true);
      await new Promise<void>((resolve) => redis.once('node error', () => resolve()));
      expect(logged.join('\n')).toMatch(/Redis connection "spec-cluster" failed, reconnecting/);
    } finally {
      // A cluster client ends once its pending reconnect is cancelled: wait for that.
      await Promise.all(
        [redis, copy].map(
          (client) =>
            new Promise((resolve) => {
              client.once('end', resolve);
              client.disconnect();
            }),
        ),
      );
    }
  });
});
