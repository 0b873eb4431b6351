import Redis from 'ioredis';
import { Pool } from 'pg';
import { errorMessage } from '../utils/error-message.util';

/**
 * Tells a systemic failure (Postgres or Redis unreachable: end the run, exit 1) from a bad batch
 * (skip it, go on).
 */
export class ReachabilityProbe {
  constructor(
    private readonly pool: Pool,
    private readonly redis: Redis,
    private readonly timeoutMs = 5000,
  ) {}

  /** What cannot be reached, or undefined when both answer. */
  async unreachable(): Promise<string | undefined> {
    const problems: string[] = [];
    await Promise.all([
      this.within(this.pool.query('SELECT 1')).catch((error: unknown) =>
        problems.push(`Postgres: ${errorMessage(error)}`),
      ),
      this.within(this.redis.ping()).catch((error: unknown) =>
        problems.push(`Redis: ${errorMessage(error)}`),
      ),
    ]);
    return problems.length > 0 ? `cannot reach ${problems.join('; ')}` : undefined;
  }

  private within<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
  }
}
