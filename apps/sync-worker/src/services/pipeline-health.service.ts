import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { HealthService, MetricsRegistry } from '@syncline/observability';
import { createPipelineHealth } from '@syncline/pipeline-health';
import { CollectionRegistry } from '@syncline/records';
import { APP_NAME, SOURCE_POOL } from '@syncline/runtime';
import { Pool } from 'pg';

/**
 * The sync-worker watches the CDC side of the pipeline: the Debezium replication slot, the
 * connector in Kafka Connect and its own group's lag per collection. It is the one long-running
 * app that already holds a connection to the source database (where the slot lives) and consumes
 * what the connector produces, so a stalled slot or a failed connector makes the app whose input
 * has stopped unready. Sampled on a timer, never on the batch path.
 */
@Injectable()
export class PipelineHealthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pipeline;

  constructor(
    @Inject(APP_NAME) app: string,
    @Inject(SYNCLINE_CONFIG) config: SynclineConfig,
    @Inject(SOURCE_POOL) pool: Pool,
    collections: CollectionRegistry,
    metrics: MetricsRegistry,
    readiness: HealthService,
  ) {
    const prefix = config.kafka.topicPrefix;
    this.pipeline = createPipelineHealth({
      app,
      health: config.health,
      brokers: [...config.kafka.brokers],
      metrics,
      readiness,
      slotPool: pool,
      watchConnector: true,
      groups: [
        {
          group: config.syncWorker.groupId,
          // Read at each sample: a collection added at run time is measured from then on.
          targets: () =>
            collections.collections.map((c) => ({
              topic: TOPICS.cdcTable(prefix, c.table, c.schema),
              collection: c.name,
              destination: '',
            })),
        },
      ],
    });
  }

  onApplicationBootstrap(): void {
    this.pipeline.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pipeline.close();
  }
}
