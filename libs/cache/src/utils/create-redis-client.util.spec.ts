import { Logger } from '@nestjs/common';
import { RedisConfig } from '@syncline/config';
import { createServer } from 'node:net';
import { createRedisClient } from './create-redis-client.util';

describe(createRedisClient.name, () => {
  it('logs a connection error through the app logger instead of leaving it unhandled', async () => {
    // A port nobody listens on: the client's connection attempts fail.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    const config = { url: { reveal: () => `redis://127.0.0.1:${port}` } } as unknown as RedisConfig;

    const redis = createRedisClient(config, 'spec');
    try {
      expect(redis.listenerCount('error')).toBeGreaterThan(0);
      await new Promise<void>((resolve) => redis.once('error', () => resolve()));
      expect(logged.join('\n')).toMatch(/Redis connection "spec".*ECONNREFUSED/);
    } finally {
      redis.disconnect();
      spy.mockRestore();
    }
  });
});
