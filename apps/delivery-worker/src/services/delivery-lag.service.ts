import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import { ControlPlaneSnapshot } from '@syncline/control-plane';
import { TOPICS } from '@syncline/events';
import { HealthService, MetricsRegistry } from '@syncline/observability';
import { createPipelineHealth } from '@syncline/pipeline-health';
import { APP_NAME } from '@syncline/runtime';

/**
 * Lag and oldest-unapplied age of the delivery-worker's two groups: the router (record-changed
 * notices) and the senders, per destination. The destinations come from the control plane at each
 * sample, so a deleted destination's queue (and the offsets the group still holds for it) never
 * shows as lag; a paused destination's backlog does, because it is real and growing.
 */
@Injectable()
export class DeliveryLagService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pipeline;

  constructor(
    @Inject(APP_NAME) app: string,
    @Inject(SYNCLINE_CONFIG) config: SynclineConfig,
    snapshot: ControlPlaneSnapshot,
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
      groups: [
        {
          group: config.delivery.routerGroupId,
          targets: () => [{ topic: TOPICS.recordChanged(prefix), collection: '', destination: '' }],
        },
        {
          group: config.delivery.senderGroupId,
          targets: () =>
            snapshot.destinations().map((d) => ({
              topic: TOPICS.deliveryTasks(prefix, d.id),
              collection: '',
              destination: d.id,
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
