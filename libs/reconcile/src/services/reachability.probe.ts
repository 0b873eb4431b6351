import { RedisClient } from '@syncline/cache';
import { Pool } from 'pg';
import { SystemicFailureException } from '../exceptions/systemic-failure.exception';
import { errorMessage } from '../utils/error-message.util';

/**
 * Tells a systemic failure (Postgres or Redis unreachable: end the run, exit 1) from a bad batch
 * (skip it, go on).
 */
export class ReachabilityProbe {
  constructor(
    private readonly pool: Pool,
    private readonly redis: RedisClient,
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

  /**
   * Runs a step the whole run depends on (the destinations, the mappings): its failure ends the run
   * as a SystemicFailureException, naming what cannot be reached when the probe finds it.
   */
  async essential<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const unreachable = await this.unreachable();
      throw new SystemicFailureException(unreachable ?? errorMessage(error), { cause: error });
    }
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
