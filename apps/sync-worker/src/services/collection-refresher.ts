import { Logger } from '@nestjs/common';
import { CollectionRegistry, CollectionsConfigException } from '@syncline/records';

/** How long a sign of drift that a reload did not explain stays quiet before it may reload again. */
const DEFAULT_QUIET_MS = 60_000;

interface Tried {
  generation: number;
  at: number;
}

/**
 * Re-reads the catalog when change events show the collections have moved on (ADD/DROP COLUMN, a
 * widened type, a new enum label, a table added to the publication), at most once for any number
 * of concurrent batches. Causality makes one reload enough: a DDL is committed before the change
 * events that show it are produced, so a reload started after a batch began sees it.
 *
 * A sign a reload did not explain (a column the config excludes, a type Debezium does not send, an
 * unrepresentable value) is not chased again until the collections change or `quietMs` passes.
 */
export class CollectionRefresher {
  private readonly logger = new Logger(CollectionRefresher.name);
  private started = 0; // reloads started
  private generation = 0; // reloads that changed a definition
  private running?: Promise<void>;
  private readonly tried = new Map<string, Tried>();

  constructor(
    private readonly registry: CollectionRegistry,
    private readonly onReload: (outcome: 'changed' | 'unchanged' | 'invalid_config') => void = () =>
      undefined,
    private readonly quietMs = DEFAULT_QUIET_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A mark taken when a batch starts: reloads started after it see every DDL its events follow. */
  mark(): number {
    return this.started;
  }

  /**
   * Reloads unless every sign is quiet or a reload started after `mark`. Resolves true when the
   * collections may differ from those the batch decoded with: decode its flagged events again.
   */
  async refresh(signs: readonly string[], mark: number): Promise<boolean> {
    const now = this.clock();
    const fresh = signs.filter((sign) => {
      const tried = this.tried.get(sign);
      return !tried || tried.generation !== this.generation || now - tried.at >= this.quietMs;
    });
    if (fresh.length > 0) {
      await this.reloadAfter(mark);
      for (const sign of fresh) this.tried.set(sign, { generation: this.generation, at: now });
      if (this.tried.size > 10_000) this.tried.clear(); // bounded: a sign forgotten costs one reload
    } else if (this.running && this.started > mark) {
      await this.running;
    }
    return this.started > mark;
  }

  private async reloadAfter(mark: number): Promise<void> {
    while (this.running) {
      await this.running;
      if (this.started > mark) return;
    }
    if (this.started > mark) return;
    this.started += 1;
    this.running = this.reload().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private async reload(): Promise<void> {
    try {
      const changed = await this.registry.reload();
      if (changed) this.generation += 1;
      this.onReload(changed ? 'changed' : 'unchanged');
      if (changed) this.logger.log('collections re-read from the catalog: definitions changed');
    } catch (error) {
      // A config the catalog no longer fits (e.g. an excluded column dropped) must not stop the
      // pipeline: keep the definitions we have; events they cannot decode are dead-lettered.
      if (!(error instanceof CollectionsConfigException)) throw error;
      this.onReload('invalid_config');
      this.logger.error(
        `collections not reloaded, the config no longer fits the catalog: ${error.message}`,
      );
    }
  }
}
