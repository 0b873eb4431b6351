import { loadConfig, type SynclineConfig } from '@syncline/config';
import { ensureTopics } from '@syncline/kafka';
import { CollectionRegistry } from '@syncline/records';
import { createSourcePool } from '@syncline/source';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { SYNCCTL } from '../constants/syncctl.constants';
import { SnapshotNotifications } from './snapshot-notifications.service';
import { SnapshotRequester } from './snapshot-requester.service';
import { SourceAdmin } from './source-admin.service';

/** What the collections commands use, from the Syncline environment (SYNCLINE_PG_*, ...). */
export class CollectionsContext {
  private constructor(
    readonly config: SynclineConfig,
    readonly pool: Pool,
    readonly source: SourceAdmin,
  ) {}

  static open(env: NodeJS.ProcessEnv): CollectionsContext {
    const config = loadConfig(env);
    const pool = createSourcePool(config.postgres, 2, 'syncctl');
    const source = new SourceAdmin(pool, config.postgres.publication, config.postgres.cdcRole);
    return new CollectionsContext(config, pool, source);
  }

  loadRegistry(): Promise<CollectionRegistry> {
    return CollectionRegistry.load({
      pool: this.pool,
      publication: this.config.postgres.publication,
      configFile: this.config.postgres.collectionsFile,
    });
  }

  topicCreator(partitions: number): (topic: string) => Promise<void> {
    return (topic) => ensureTopics(this.kafka(), [{ topic, numPartitions: partitions }]);
  }

  snapshots(): SnapshotRequester {
    const topic = SYNCCTL.notificationsTopic(this.config.kafka.topicPrefix);
    return new SnapshotRequester(this.source, () =>
      SnapshotNotifications.start(this.kafka(), topic),
    );
  }

  private kafka(): Kafka {
    return new Kafka({
      clientId: 'syncctl',
      brokers: [...this.config.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
